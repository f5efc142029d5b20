import { Injectable } from '@nestjs/common';
import { Column, Database, runUpsert, unnestUpsert } from '@hub/platform';
import { LegalEntity } from './legal-entity';

export interface SourcePosition { topic: string; partition: number; offset: string }
export interface StoredLegalEntity extends LegalEntity { updatedAt: Date }

const COLUMNS: readonly Column[] = [
  ['bin', 'text'], ['status', 'text'], ['registration_authority', 'text'], ['initial_registration_date', 'date'],
  ['last_reregistration_date', 'date'], ['name_kk', 'text'], ['name_ru', 'text'], ['name_en', 'text'], ['short_name_ru', 'text'],
  ['legal_form', 'text'], ['head_full_name', 'text'], ['head_position', 'text'], ['oked_primary', 'text'], ['kato_code', 'text'],
  ['address', 'text'], ['founders', 'jsonb'], ['parent_organization', 'jsonb'], ['event_time', 'timestamptz'], ['source_topic', 'text'], ['source_partition', 'int'],
  ['source_offset', 'bigint'],
];
// Redelivery and out-of-order arrival are both no-ops: a row changes only for a newer event.
const UPSERT = unnestUpsert('src_justice.legal_entities', COLUMNS, ['bin'], { table: 'src_justice.recompute_outbox', idColumn: 'bin' });

@Injectable()
export class LegalEntityRepository {
  constructor(private readonly database: Database) {}

  /** Returns how many rows were inserted or changed. */
  async upsert(items: ReadonlyArray<{ entity: LegalEntity; position: SourcePosition }>): Promise<number> {
    return runUpsert(this.database.pool, UPSERT, COLUMNS.length, items.map(({ entity: e, position: p }) => [
      e.bin, e.status, e.registrationAuthority, e.initialRegistrationDate, e.lastReregistrationDate, e.nameKk, e.nameRu,
      e.nameEn, e.shortNameRu, e.legalForm, e.headFullName, e.headPosition, e.okedPrimary, e.katoCode, e.address,
      JSON.stringify(e.founders), e.parentOrganization === null ? null : JSON.stringify(e.parentOrganization), e.eventTime.toISOString(), p.topic, p.partition, p.offset,
    ]));
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
