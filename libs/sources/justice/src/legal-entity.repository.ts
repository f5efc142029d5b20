import { Injectable } from '@nestjs/common';
import { Column, Database, runUpsert, unnestUpsert } from '@hub/platform';
import { LegalEntity } from './legal-entity';
import { LIVE_STATUSES, MASS_ADDRESS_FULL_AT, registrationAddressKey } from './registration-address.rules';

export interface SourcePosition { topic: string; partition: number; offset: string }
export interface StoredLegalEntity extends LegalEntity { updatedAt: Date }

const COLUMNS: readonly Column[] = [
  ['bin', 'text'], ['status', 'text'], ['registration_authority', 'text'], ['initial_registration_date', 'date'],
  ['last_reregistration_date', 'date'], ['name_kk', 'text'], ['name_ru', 'text'], ['name_en', 'text'], ['short_name_ru', 'text'],
  ['legal_form', 'text'], ['head_full_name', 'text'], ['head_position', 'text'], ['oked_primary', 'text'], ['kato_code', 'text'],
  ['address', 'text'], ['address_key', 'text'], ['founders', 'jsonb'], ['parent_organization', 'jsonb'], ['event_time', 'timestamptz'], ['source_topic', 'text'], ['source_partition', 'int'],
  ['source_offset', 'bigint'],
];
const LIVE = LIVE_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * One statement per batch. Redelivery and out-of-order arrival are both no-ops: a row changes only
 * for a newer event. With the rows, the same statement queues for recompute (see unnestUpsert's
 * outbox) the changed firms and their address-mates: MASS_REGISTRATION_ADDRESS of every firm at an
 * address moves when a live firm arrives there, leaves, closes or reopens. Mates are queued only
 * where the count was or becomes small enough for their feature to change (it is full from
 * MASS_ADDRESS_FULL_AT others on), so a big mass address does not recompute hundreds of firms per
 * arrival. All parts read the statement's snapshot: `before` is the stored state, and a row arriving
 * in this batch is queued as changed. Two batches committing at once at one new address may miss
 * each other's mates; `preliminary:recompute` repairs such a count.
 */
const UPSERT = `
  WITH before AS (
    SELECT bin, address_key, status IN (${LIVE}) AS live FROM src_justice.legal_entities WHERE bin = ANY($1::text[]::bpchar[])
  ), changed AS (${unnestUpsert('src_justice.legal_entities', COLUMNS, ['bin'])}
    RETURNING bin, address_key, status IN (${LIVE}) AS live
  ), moves AS (
    SELECT c.address_key AS key, 1 AS delta FROM changed c LEFT JOIN before b USING (bin)
      WHERE c.live AND c.address_key IS NOT NULL AND (b.bin IS NULL OR NOT b.live OR b.address_key IS DISTINCT FROM c.address_key)
    UNION ALL
    SELECT b.address_key, -1 FROM changed c JOIN before b USING (bin)
      WHERE b.live AND b.address_key IS NOT NULL AND (NOT c.live OR b.address_key IS DISTINCT FROM c.address_key)
  ), counted AS (
    SELECT m.key, sum(m.delta) AS delta,
      (SELECT count(*) FROM src_justice.legal_entities e WHERE e.address_key = m.key AND e.status IN (${LIVE})) AS live_before
    FROM moves m GROUP BY m.key
  ), queued AS (
    INSERT INTO src_justice.recompute_outbox (id)
    SELECT rtrim(bin) FROM changed
    UNION
    SELECT rtrim(e.bin) FROM src_justice.legal_entities e JOIN counted k ON e.address_key = k.key
      WHERE least(k.live_before, k.live_before + k.delta) <= ${MASS_ADDRESS_FULL_AT}
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

@Injectable()
export class LegalEntityRepository {
  constructor(private readonly database: Database) {}

  /** Returns how many rows were inserted or changed. */
  async upsert(items: ReadonlyArray<{ entity: LegalEntity; position: SourcePosition }>): Promise<number> {
    return runUpsert(this.database.pool, UPSERT, COLUMNS.length, items.map(({ entity: e, position: p }) => [
      e.bin, e.status, e.registrationAuthority, e.initialRegistrationDate, e.lastReregistrationDate, e.nameKk, e.nameRu,
      e.nameEn, e.shortNameRu, e.legalForm, e.headFullName, e.headPosition, e.okedPrimary, e.katoCode, e.address,
      registrationAddressKey(e.address), JSON.stringify(e.founders), e.parentOrganization === null ? null : JSON.stringify(e.parentOrganization), e.eventTime.toISOString(), p.topic, p.partition, p.offset,
    ]));
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
