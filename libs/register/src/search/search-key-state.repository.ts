import { Inject, Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { Database } from '@hub/platform';
import { REGISTER_DATABASE } from '../register-database';
import { SubjectKeys, subjectKeys } from './search-key';

/** What one batch of a refresh found: another instance at work, nothing left, or how far it got. */
export type RefreshStep =
  | { kind: 'BUSY' }
  | { kind: 'CURRENT'; version: number }
  | { kind: 'BATCH'; read: number; rewritten: number; through: string; finished: boolean };

interface StoredSubject {
  subject_id: string;
  id_kind: 'BIN' | 'IIN';
  name_kk: string | null;
  name_ru: string | null;
  name_en: string | null;
  short_name_ru: string | null;
  person_name: string | null;
  key_kk: string;
  key_ru: string;
  key_en: string;
  key_person: string;
  search_key: string;
  event_time: string;
}

// The short Russian name stands in for a missing English one (subjectKeys) and is kept only in the
// registration fact. event_time as text: handed back unchanged for the guard below.
const READ_BATCH = `SELECT s.subject_id, s.id_kind, s.name_kk, s.name_ru, s.name_en, s.person_name,
    s.key_kk, s.key_ru, s.key_en, s.key_person, s.search_key, s.event_time::text AS event_time,
    CASE WHEN s.id_kind = 'BIN' AND s.name_en IS NULL THEN
      (SELECT f.facts->>'shortNameRu' FROM register.facts f WHERE f.subject_id = s.subject_id AND f.kind = 'REGISTRATION'
        ORDER BY f.event_time DESC LIMIT 1) END AS short_name_ru
  FROM register.subjects s WHERE s.subject_id > $1 ORDER BY s.subject_id LIMIT $2`;

// Guarded by the event time read: a subject a newer fact renamed meanwhile was keyed by this
// version already, when its row was written. The term index follows (subject_words_update).
const REWRITE = `UPDATE register.subjects s
    SET key_kk = v.kk, key_ru = v.ru, key_en = v.en, key_person = v.person, search_key = v.all_keys
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
    AS v(subject_id, kk, ru, en, person, all_keys, event_time)
  WHERE s.subject_id = v.subject_id::bpchar AND s.event_time = v.event_time::timestamptz`;

const sameKeys = (s: StoredSubject, k: SubjectKeys) =>
  s.key_kk === k.kk && s.key_ru === k.ru && s.key_en === k.en && s.key_person === k.person && s.search_key === k.all;

/** register.search_key_state and the stored skeletons it vouches for (migration register-search-key-version). */
@Injectable()
export class SearchKeyStateRepository {
  constructor(@Inject(REGISTER_DATABASE) private readonly database: Database) {}

  /**
   * One transaction: takes the state row (or finds another instance holding it), re-keys the next
   * `batch` subjects and records how far it got; the last batch records `version`.
   */
  step(version: number, batch: number): Promise<RefreshStep> {
    return this.database.transaction(async (client) => {
      const [state] = (await client.query<{ version: number; rekeyed_through: string }>(
        'SELECT version, rekeyed_through FROM register.search_key_state FOR UPDATE SKIP LOCKED')).rows;
      if (!state) return { kind: 'BUSY' };
      if (state.version >= version) return { kind: 'CURRENT', version: state.version };
      const subjects = (await client.query<StoredSubject>(READ_BATCH, [state.rekeyed_through, batch])).rows;
      const rewritten = await this.rewrite(client, subjects);
      const finished = subjects.length < batch;
      const through = finished ? '' : subjects[subjects.length - 1].subject_id;
      await client.query('UPDATE register.search_key_state SET version = $1, rekeyed_through = $2', [finished ? version : state.version, through]);
      return { kind: 'BATCH', read: subjects.length, rewritten, through, finished };
    });
  }

  private async rewrite(client: PoolClient, subjects: readonly StoredSubject[]): Promise<number> {
    const columns: string[][] = [[], [], [], [], [], [], []];
    for (const s of subjects) {
      const k = subjectKeys({ idKind: s.id_kind, nameKk: s.name_kk, nameRu: s.name_ru, nameEn: s.name_en, shortNameRu: s.short_name_ru, personName: s.person_name });
      if (sameKeys(s, k)) continue;
      [s.subject_id, k.kk, k.ru, k.en, k.person, k.all, s.event_time].forEach((value, i) => columns[i].push(value));
    }
    if (columns[0].length === 0) return 0;
    return (await client.query(REWRITE, columns)).rowCount ?? 0;
  }
}
