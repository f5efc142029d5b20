import { Injectable } from '@nestjs/common';
import { Database } from '@hub/platform';
import { LegalEntity } from './legal-entity';

export interface SourcePosition { topic: string; partition: number; offset: string }
export interface StoredLegalEntity extends LegalEntity { updatedAt: Date }

const COLUMNS = [
  'bin', 'status', 'registration_authority', 'initial_registration_date', 'last_reregistration_date', 'name_kk', 'name_ru',
  'name_en', 'short_name_ru', 'legal_form', 'head_full_name', 'head_position', 'oked_primary', 'kato_code', 'address',
  'event_time', 'source_topic', 'source_partition', 'source_offset',
] as const;
const TYPES = ['text', 'text', 'text', 'date', 'date', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'timestamptz', 'text', 'int', 'bigint'];

// One statement per batch (unnest of column arrays). A row changes only when the incoming event
// is strictly newer: redelivery and out-of-order arrival are both no-ops.
const UPSERT = `
  INSERT INTO src_justice.legal_entities (${COLUMNS.join(', ')})
  SELECT * FROM unnest(${TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})
  ON CONFLICT (bin) DO UPDATE SET
    ${COLUMNS.filter((c) => c !== 'bin').map((c) => `${c} = excluded.${c}`).join(',\n    ')},
    updated_at = now()
  WHERE src_justice.legal_entities.event_time < excluded.event_time`;

@Injectable()
export class LegalEntityRepository {
  constructor(private readonly database: Database) {}

  /** Returns how many rows were inserted or changed. */
  async upsert(items: ReadonlyArray<{ entity: LegalEntity; position: SourcePosition }>): Promise<number> {
    if (items.length === 0) return 0;
    const columns: unknown[][] = COLUMNS.map(() => []);
    for (const { entity: e, position: p } of items) {
      const row = [
        e.bin, e.status, e.registrationAuthority, e.initialRegistrationDate, e.lastReregistrationDate, e.nameKk, e.nameRu,
        e.nameEn, e.shortNameRu, e.legalForm, e.headFullName, e.headPosition, e.okedPrimary, e.katoCode, e.address,
        e.eventTime.toISOString(), p.topic, p.partition, p.offset,
      ];
      row.forEach((v, i) => columns[i].push(v));
    }
    const result = await this.database.pool.query(UPSERT, columns);
    return result.rowCount ?? 0;
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
      eventTime: r.event_time as Date,
      updatedAt: r.updated_at as Date,
    };
  }
}
