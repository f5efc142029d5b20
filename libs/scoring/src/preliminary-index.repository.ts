import { Injectable } from '@nestjs/common';
import { Database, GroupRead, columnLiterals, named } from '@hub/platform';
import { BprRiskCategory, BprRiskKind, BprSource, PreliminaryFactor, PreliminaryIndex, SourcePosition } from './preliminary-index';

// Every "now" answer runs it to see whether its cached answer still holds: prepared once per
// connection, and the checks that arrive while one is in flight go together (GroupRead).
const SEQ_AT = named('scoring.seq.at', `SELECT q.i, (SELECT max(p.seq)::text FROM scoring.preliminary_indexes p
     WHERE p.subject_id = q.id::bpchar AND p.computed_at <= q.at AND p.received_at <= q.at) AS seq
   FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY AS q(id, at, i)`);

const COLUMNS = [
  'subject_id', 'source', 'index_kind', 'algorithm_version', 'computed_at', 'risk_value', 'category', 'algorithm',
  'window_from', 'window_to', 'factors', 'source_topic', 'source_partition', 'source_offset',
] as const;
const TYPES = ['text', 'text', 'text', 'text', 'timestamptz', 'float8', 'text', 'text', 'date', 'date', 'jsonb', 'text', 'int', 'bigint'];

// Append-only: a value already stored (same subject, source, kind, version, computed-at) is a no-op.
const INSERT = `
  INSERT INTO scoring.preliminary_indexes (${COLUMNS.join(', ')})
  SELECT * FROM unnest(${TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})
  ON CONFLICT DO NOTHING
  RETURNING subject_id`;

const SELECT_COLUMNS = `subject_id, source, index_kind, risk_value, category, algorithm, algorithm_version,
  to_char(window_from, 'YYYY-MM-DD') AS window_from, to_char(window_to, 'YYYY-MM-DD') AS window_to, computed_at, factors`;
// Known at T: computed by T and arrived by T. Latest per (source, kind); ties go to the higher version.
const LATEST_ORDER = `source, index_kind, computed_at DESC, string_to_array(algorithm_version, '.')::int[] DESC`;

interface Row {
  subject_id: string; source: BprSource; index_kind: BprRiskKind; risk_value: number; category: BprRiskCategory; algorithm: string;
  algorithm_version: string; window_from: string; window_to: string; computed_at: Date; factors: PreliminaryFactor[];
}

export interface InputsAt {
  latest: PreliminaryIndex[];
  /** Highest arrival sequence among the inputs known at the moment: changes whenever one more arrives. */
  seq: string | null;
}

const toIndex = (r: Row): PreliminaryIndex => ({
  subjectId: r.subject_id,
  source: r.source,
  indexKind: r.index_kind,
  riskValue: Number(r.risk_value),
  category: r.category,
  algorithm: r.algorithm,
  algorithmVersion: r.algorithm_version,
  windowFrom: r.window_from,
  windowTo: r.window_to,
  computedAt: r.computed_at,
  factors: r.factors,
});

@Injectable()
export class PreliminaryIndexRepository {
  private readonly seqs: GroupRead<{ subjectId: string; at: Date }, string | null>;

  constructor(private readonly database: Database) {
    this.seqs = new GroupRead(async (keys) => {
      const out: Array<string | null> = keys.map(() => null);
      const rows = await this.database.query<{ i: string; seq: string | null }>(SEQ_AT, [keys.map((k) => k.subjectId), keys.map((k) => k.at.toISOString())]);
      for (const r of rows) out[Number(r.i) - 1] = r.seq;
      return out;
    });
  }

  /** Returns the subjects that got a new row (redeliveries excluded). */
  async append(items: ReadonlyArray<{ index: PreliminaryIndex; position: SourcePosition }>): Promise<string[]> {
    if (items.length === 0) return [];
    const rows = await this.database.query<{ subject_id: string }>(INSERT, columnLiterals(items.map(({ index: p, position }) => [
      p.subjectId, p.source, p.indexKind, p.algorithmVersion, p.computedAt.toISOString(), p.riskValue, p.category, p.algorithm,
      p.windowFrom, p.windowTo, JSON.stringify(p.factors), position.topic, position.partition, position.offset,
    ]), COLUMNS.length));
    return [...new Set(rows.map((r) => r.subject_id))];
  }

  /** The arrival marker of what is known about a subject at `at` (cheap: the cache key). */
  seqAt(subjectId: string, at: Date): Promise<string | null> {
    return this.seqs.load({ subjectId, at });
  }

  /** The latest preliminary index per (source, kind) known at `at`. */
  async inputsAt(subjectId: string, at: Date): Promise<InputsAt> {
    const rows = await this.database.query<Row & { max_seq: string }>(
      `SELECT DISTINCT ON (source, index_kind) ${SELECT_COLUMNS}, (max(seq) OVER ())::text AS max_seq
       FROM scoring.preliminary_indexes WHERE subject_id = $1 AND computed_at <= $2 AND received_at <= $2
       ORDER BY ${LATEST_ORDER}`,
      [subjectId, at.toISOString()],
    );
    return { latest: rows.map(toIndex), seq: rows[0]?.max_seq ?? null };
  }

  /** The next `limit` subjects after `after` in a keyset walk over every subject with preliminary indexes. */
  async nextSubjects(after: string, limit: number, until = '999999999999'): Promise<string[]> {
    const rows = await this.database.query<{ subject_id: string }>(
      `SELECT DISTINCT subject_id FROM scoring.preliminary_indexes WHERE subject_id > $1 AND subject_id <= $3 ORDER BY subject_id LIMIT $2`,
      [after, limit, until],
    );
    return rows.map((r) => r.subject_id);
  }

  /** For many subjects at once: the latest inputs of each known at `at` (subjects with none are left out). */
  async inputsOfMany(subjectIds: readonly string[], at: Date): Promise<Array<{ subjectId: string; latest: PreliminaryIndex[]; seq: string }>> {
    if (subjectIds.length === 0) return [];
    const rows = await this.database.query<Row & { seq: string }>(
      `SELECT DISTINCT ON (subject_id, source, index_kind) ${SELECT_COLUMNS}, max_seq::text AS seq FROM (
         SELECT p.*, max(p.seq) OVER (PARTITION BY p.subject_id) AS max_seq
         FROM scoring.preliminary_indexes p
         WHERE p.subject_id = ANY($1::char(12)[]) AND p.computed_at <= $2 AND p.received_at <= $2
       ) visible
       ORDER BY subject_id, ${LATEST_ORDER}`,
      [subjectIds, at.toISOString()],
    );
    const out: Array<{ subjectId: string; latest: PreliminaryIndex[]; seq: string }> = [];
    for (const r of rows) {
      const last = out[out.length - 1];
      if (last && last.subjectId === r.subject_id) last.latest.push(toIndex(r));
      else out.push({ subjectId: r.subject_id, latest: [toIndex(r)], seq: r.seq });
    }
    return out;
  }
}
