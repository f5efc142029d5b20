import { Injectable } from '@nestjs/common';
import { Column, Database, runUpsert, unnestUpsert } from '@hub/platform';
import { SourcePosition, StatisticalEntry } from './statistical-entity';

export interface StoredStatisticalEntry extends StatisticalEntry { updatedAt: Date }

const COLUMNS: readonly Column[] = [
  ['id', 'text'], ['kato_code', 'text'], ['oked_primary', 'text'], ['oked_primary_name', 'text'], ['oked_secondary', 'jsonb'],
  ['size_class_code', 'text'], ['size_class_name', 'text'], ['event_time', 'timestamptz'], ['source_topic', 'text'],
  ['source_partition', 'int'], ['source_offset', 'bigint'],
];
// Redelivery and out-of-order arrival are both no-ops: a row changes only for a newer event.
const UPSERT = unnestUpsert('src_stat.entities', COLUMNS, ['id'], { table: 'src_stat.recompute_outbox', idColumn: 'id' });

@Injectable()
export class StatisticalEntityRepository {
  constructor(private readonly database: Database) {}

  /** Returns how many rows were inserted or changed. */
  async upsert(items: ReadonlyArray<{ entry: StatisticalEntry; position: SourcePosition }>): Promise<number> {
    return runUpsert(this.database.pool, UPSERT, COLUMNS.length, items.map(({ entry: e, position: p }) => [
      e.id, e.katoCode, e.okedPrimary, e.okedPrimaryName, JSON.stringify(e.okedSecondary), e.sizeClassCode, e.sizeClassName,
      e.eventTime.toISOString(), p.topic, p.partition, p.offset,
    ]));
  }

  async findById(id: string): Promise<StoredStatisticalEntry | null> {
    const rows = await this.database.query<Record<string, unknown>>('SELECT * FROM src_stat.entities WHERE id = $1', [id]);
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id as string,
      katoCode: r.kato_code as string,
      okedPrimary: r.oked_primary as string,
      okedPrimaryName: r.oked_primary_name as string,
      okedSecondary: r.oked_secondary as StatisticalEntry['okedSecondary'],
      sizeClassCode: r.size_class_code as string,
      sizeClassName: r.size_class_name as string,
      eventTime: r.event_time as Date,
      updatedAt: r.updated_at as Date,
    };
  }
}
