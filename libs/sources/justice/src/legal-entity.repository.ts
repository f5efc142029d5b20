import { Injectable } from '@nestjs/common';
import { Column, Database, columnLiterals, unnestUpsert } from '@hub/platform';
import { LegalEntity } from './legal-entity';
import { LIVE_STATUSES, MASS_ADDRESS_FULL_AT, registrationAddressKey } from './registration-address.rules';
import { MASS_DIRECTOR_FULL_AT, MASS_FOUNDER_FULL_AT, founderKeyList, headKey } from './registration-people.rules';

export interface SourcePosition { topic: string; partition: number; offset: string }
export interface StoredLegalEntity extends LegalEntity { updatedAt: Date }

const COLUMNS: readonly Column[] = [
  ['bin', 'text'], ['status', 'text'], ['registration_authority', 'text'], ['initial_registration_date', 'date'],
  ['last_reregistration_date', 'date'], ['name_kk', 'text'], ['name_ru', 'text'], ['name_en', 'text'], ['short_name_ru', 'text'],
  ['legal_form', 'text'], ['head_full_name', 'text'], ['head_position', 'text'], ['oked_primary', 'text'], ['kato_code', 'text'],
  ['address', 'text'], ['address_key', 'text'], ['founder_keys', 'text'], ['head_key', 'text'], ['founders', 'jsonb'], ['parent_organization', 'jsonb'], ['event_time', 'timestamptz'], ['source_topic', 'text'], ['source_partition', 'int'],
  ['source_offset', 'bigint'],
];
const LIVE = LIVE_STATUSES.map((status) => `'${status}'`).join(', ');
/** The founder keys as an array, the expression the GIN index is built on (see the migration). */
const FOUNDERS = (row: string) => `string_to_array(${row}.founder_keys, ' ')`;
/** After the columns: the re-registration dates every record of the batch showed, with their event times. */
const HISTORY = COLUMNS.length + 1;

/**
 * The firms sharing a plain key (address, head name) whose count an arrival, departure, closure or
 * reopening moves: +1 for a key a live row newly holds, -1 for one a live row no longer holds.
 */
const keyMoves = (column: string) => `
    SELECT c.${column} AS key, 1 AS delta FROM changed c LEFT JOIN before b USING (bin)
      WHERE c.live AND c.${column} IS NOT NULL AND (b.bin IS NULL OR NOT b.live OR b.${column} IS DISTINCT FROM c.${column})
    UNION ALL
    SELECT b.${column}, -1 FROM changed c JOIN before b USING (bin)
      WHERE b.live AND b.${column} IS NOT NULL AND (NOT c.live OR b.${column} IS DISTINCT FROM c.${column})`;

/** The same for the founder keys, several per firm. */
const FOUNDER_MOVES = `
    SELECT k.key, 1 AS delta FROM changed c LEFT JOIN before b USING (bin), unnest(${FOUNDERS('c')}) AS k(key)
      WHERE c.live AND NOT (coalesce(b.live, false) AND k.key = ANY(${FOUNDERS('b')}))
    UNION ALL
    SELECT k.key, -1 FROM changed c JOIN before b USING (bin), unnest(${FOUNDERS('b')}) AS k(key)
      WHERE b.live AND NOT (c.live AND k.key = ANY(${FOUNDERS('c')}))`;

/** Per moved key: the net move and the live firms holding the key before (the statement's snapshot). */
const counted = (moves: string, holds: (row: string, key: string) => string) => `
    SELECT m.key, sum(m.delta) AS delta,
      (SELECT count(*) FROM src_justice.legal_entities e WHERE ${holds('e', 'm.key')} AND e.status IN (${LIVE})) AS live_before
    FROM ${moves} m GROUP BY m.key`;

/**
 * The holders of a moved key, queued only while the count is small enough for their feature to
 * change (a holder's own count is at least the key's live count less itself, so from `fullAt` live
 * holders on, before and after, the feature is full whatever moved).
 */
const mates = (keys: string, holds: (row: string, key: string) => string, fullAt: number) => `
    SELECT rtrim(e.bin) FROM src_justice.legal_entities e JOIN ${keys} k ON ${holds('e', 'k.key')}
      WHERE least(k.live_before, k.live_before + k.delta) <= ${fullAt}`;
const atAddress = (row: string, key: string) => `${row}.address_key = ${key}`;
const withHead = (row: string, key: string) => `${row}.head_key = ${key}`;
const withFounder = (row: string, key: string) => `${FOUNDERS(row)} @> ARRAY[${key}]`;

/**
 * One statement per batch. Redelivery and out-of-order arrival are both no-ops: a row changes only
 * for a newer event. With the rows, the same statement queues for recompute (see unnestUpsert's
 * outbox) the changed firms and the firms sharing their address, a founder or a head's name:
 * MASS_REGISTRATION_ADDRESS, MASS_FOUNDER and MASS_DIRECTOR of every firm holding a key move when a
 * live firm arrives with it, drops it, closes or reopens. Mates are queued only where the count was
 * or becomes small enough for their feature to change (full from MASS_*_FULL_AT others on), so a big
 * mass address or a nominee with hundreds of firms does not recompute them all per arrival. All
 * parts read the statement's snapshot: `before` is the stored state, and a row arriving in this
 * batch is queued as changed. Two batches committing at once at one new key may miss each other's
 * mates; `preliminary:recompute` repairs such a count.
 *
 * Re-registration history: every record of the batch (not only the latest per BIN) adds the date it
 * shows, once (a replay adds nothing) and only if the firm's newest state, stored or arriving, does
 * not contradict it (a date after the newest record's last re-registration was corrected away; a
 * newer record removes such dates). A firm whose history grew is queued even when its row did not
 * change (an older record arriving late).
 */
const UPSERT = `
  WITH before AS (
    SELECT bin, address_key, founder_keys, head_key, last_reregistration_date, status IN (${LIVE}) AS live
    FROM src_justice.legal_entities WHERE bin = ANY($1::text[]::bpchar[])
  ), changed AS (${unnestUpsert('src_justice.legal_entities', COLUMNS, ['bin'])}
    RETURNING bin, address_key, founder_keys, head_key, last_reregistration_date, status IN (${LIVE}) AS live
  ), address_moves AS (${keyMoves('address_key')}
  ), address_counted AS (${counted('address_moves', atAddress)}
  ), head_moves AS (${keyMoves('head_key')}
  ), head_counted AS (${counted('head_moves', withHead)}
  ), founder_moves AS (${FOUNDER_MOVES}
  ), founder_counted AS (${counted('founder_moves', withFounder)}
  ), newest AS (
    SELECT bin, last_reregistration_date AS last FROM changed
    UNION ALL
    SELECT b.bin, b.last_reregistration_date FROM before b WHERE NOT EXISTS (SELECT 1 FROM changed c WHERE c.bin = b.bin)
  ), shown AS (
    SELECT DISTINCT ON (h.bin, h.day) h.bin::bpchar AS bin, h.day, h.at
    FROM unnest($${HISTORY}::text[], $${HISTORY + 1}::date[], $${HISTORY + 2}::timestamptz[]) AS h(bin, day, at)
    WHERE h.day IS NOT NULL ORDER BY h.bin, h.day, h.at
  ), history_added AS (
    INSERT INTO src_justice.reregistrations (bin, reregistration_date, event_time)
    SELECT s.bin, s.day, s.at FROM shown s JOIN newest n USING (bin) WHERE s.day <= n.last ORDER BY 1, 2
    ON CONFLICT (bin, reregistration_date) DO NOTHING
    RETURNING bin
  ), history_corrected AS (
    DELETE FROM src_justice.reregistrations r USING changed c
    WHERE r.bin = c.bin AND (c.last_reregistration_date IS NULL OR r.reregistration_date > c.last_reregistration_date)
    RETURNING r.bin
  ), queued AS (
    INSERT INTO src_justice.recompute_outbox (id)
    SELECT rtrim(bin) FROM changed
    UNION SELECT rtrim(bin) FROM history_added
    UNION SELECT rtrim(bin) FROM history_corrected
    UNION ${mates('address_counted', atAddress, MASS_ADDRESS_FULL_AT)}
    UNION ${mates('head_counted', withHead, MASS_DIRECTOR_FULL_AT)}
    UNION ${mates('founder_counted', withFounder, MASS_FOUNDER_FULL_AT)}
    ORDER BY 1
    ON CONFLICT (id) DO UPDATE SET queued_at = src_justice.recompute_outbox.queued_at WHERE false
  )
  SELECT count(*)::int AS changed FROM changed`;

/** Rows stored before addresses were keyed, keyed a chunk at a time and queued for recompute. */
const KEY_ADDRESSES = `
  WITH keyed AS (
    UPDATE src_justice.legal_entities e SET address_key = k.key FROM unnest($1::text[], $2::text[]) AS k(bin, key)
    WHERE e.bin = k.bin::bpchar AND e.address_key IS NULL
    RETURNING e.bin
  )
  INSERT INTO src_justice.recompute_outbox (id) SELECT rtrim(bin) FROM keyed ORDER BY 1 ON CONFLICT (id) DO NOTHING`;

/** Rows stored before founders and heads were keyed, keyed a chunk at a time and queued for recompute. */
const KEY_PEOPLE = `
  WITH keyed AS (
    UPDATE src_justice.legal_entities e SET founder_keys = k.founders, head_key = k.head
    FROM unnest($1::text[], $2::text[], $3::text[]) AS k(bin, founders, head)
    WHERE e.bin = k.bin::bpchar AND e.founder_keys IS NULL
    RETURNING e.bin
  )
  INSERT INTO src_justice.recompute_outbox (id) SELECT rtrim(bin) FROM keyed ORDER BY 1 ON CONFLICT (id) DO NOTHING`;

@Injectable()
export class LegalEntityRepository {
  constructor(private readonly database: Database) {}

  /**
   * Stores the items (one per BIN: the latest of the batch) and adds the re-registration dates that
   * `shown` (every record of the batch, several per BIN allowed; by default the items) carries for
   * those BINs. Returns how many rows were inserted or changed.
   */
  async upsert(items: ReadonlyArray<{ entity: LegalEntity; position: SourcePosition }>, shown: readonly LegalEntity[] = items.map((i) => i.entity)): Promise<number> {
    if (items.length === 0) return 0;
    const rows = items.map(({ entity: e, position: p }) => [
      e.bin, e.status, e.registrationAuthority, e.initialRegistrationDate, e.lastReregistrationDate, e.nameKk, e.nameRu,
      e.nameEn, e.shortNameRu, e.legalForm, e.headFullName, e.headPosition, e.okedPrimary, e.katoCode, e.address,
      registrationAddressKey(e.address), founderKeyList(e.founders), headKey(e.headFullName, e.katoCode), JSON.stringify(e.founders),
      e.parentOrganization === null ? null : JSON.stringify(e.parentOrganization), e.eventTime.toISOString(), p.topic, p.partition, p.offset,
    ]);
    const history = shown.filter((e) => e.lastReregistrationDate !== null).map((e) => [e.bin, e.lastReregistrationDate, e.eventTime]);
    const result = await this.database.pool.query<{ changed: number }>(UPSERT, [...columnLiterals(rows, COLUMNS.length), ...columnLiterals(history, 3)]);
    return result.rows[0]?.changed ?? 0;
  }

  /**
   * Keys the addresses of rows stored before address keys existed (the migration cannot run the
   * TypeScript normalisation) and queues them: every unkeyed firm is recomputed, so each count its
   * mates see is recomputed too. Returns how many rows were keyed.
   */
  async keyStoredAddresses(chunk = 2000): Promise<number> {
    let keyed = 0;
    for (let after = ''; ;) {
      const rows = await this.database.query<{ bin: string; address: string }>(
        'SELECT bin, address FROM src_justice.legal_entities WHERE address_key IS NULL AND bin > $1::bpchar ORDER BY bin LIMIT $2', [after, chunk]);
      if (rows.length === 0) return keyed;
      after = rows[rows.length - 1].bin;
      const withKeys = rows.map((r) => [r.bin, registrationAddressKey(r.address)] as const).filter(([, key]) => key !== null);
      await this.database.query(KEY_ADDRESSES, [withKeys.map(([bin]) => bin), withKeys.map(([, key]) => key)]);
      keyed += withKeys.length;
    }
  }

  /**
   * Keys the founders and head of rows stored before those keys existed (MASS_FOUNDER and
   * MASS_DIRECTOR; the keys are computed in TypeScript) and queues them, as keyStoredAddresses.
   * Returns how many rows were keyed.
   */
  async keyStoredPeople(chunk = 2000): Promise<number> {
    let keyed = 0;
    for (;;) {
      const rows = await this.database.query<{ bin: string; founders: LegalEntity['founders']; head_full_name: string | null; kato_code: string }>(
        'SELECT bin, founders, head_full_name, kato_code FROM src_justice.legal_entities WHERE founder_keys IS NULL ORDER BY bin LIMIT $1', [chunk]);
      if (rows.length === 0) return keyed;
      await this.database.query(KEY_PEOPLE, [rows.map((r) => r.bin), rows.map((r) => founderKeyList(r.founders)), rows.map((r) => headKey(r.head_full_name, r.kato_code))]);
      keyed += rows.length;
    }
  }

  async findByBin(bin: string): Promise<StoredLegalEntity | null> {
    const rows = await this.database.query<Record<string, unknown>>(
      `SELECT *, to_char(initial_registration_date, 'YYYY-MM-DD') AS initial_d, to_char(last_reregistration_date, 'YYYY-MM-DD') AS last_d
       FROM src_justice.legal_entities WHERE bin = $1`,
      [bin],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      bin: r.bin as string,
      status: r.status as LegalEntity['status'],
      registrationAuthority: r.registration_authority as string,
      initialRegistrationDate: r.initial_d as string,
      lastReregistrationDate: (r.last_d as string | null) ?? null,
      nameKk: r.name_kk as string,
      nameRu: r.name_ru as string,
      nameEn: r.name_en as string | null,
      shortNameRu: r.short_name_ru as string | null,
      legalForm: r.legal_form as LegalEntity['legalForm'],
      headFullName: r.head_full_name as string | null,
      headPosition: r.head_position as string | null,
      okedPrimary: r.oked_primary as string,
      katoCode: r.kato_code as string,
      address: r.address as string,
      founders: r.founders as LegalEntity['founders'],
      parentOrganization: r.parent_organization as LegalEntity['parentOrganization'],
      eventTime: r.event_time as Date,
      updatedAt: r.updated_at as Date,
    };
  }
}
