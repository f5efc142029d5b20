import { Injectable } from '@nestjs/common';
import { Column, Database, runUpsert, unnestUpsert } from '@hub/platform';
import { SubjectSize } from './subject-size.rules';

const COLUMNS: readonly Column[] = [['id', 'text'], ['size_band', 'text'], ['event_time', 'timestamptz']];
// A changed size changes the per-size features of a party with cases, queued for recompute with the
// row; a firm without cases has nothing to recompute (its court index stays clean).
const UPSERT = unnestUpsert('src_court.subject_sizes', COLUMNS, ['id'], {
  table: 'src_court.recompute_outbox', idColumn: 'id', when: 'EXISTS (SELECT 1 FROM src_court.civil_cases k WHERE k.party_id = changed.id::bpchar)',
});

/** The court perimeter's own projection of the public size facts (see the migration). */
@Injectable()
export class SubjectSizeRepository {
  constructor(private readonly database: Database) {}

  async upsert(sizes: readonly SubjectSize[]): Promise<number> {
    return runUpsert(this.database.pool, UPSERT, COLUMNS.length, sizes.map((s) => [s.id, s.value, s.eventTime.toISOString()]));
  }
}
