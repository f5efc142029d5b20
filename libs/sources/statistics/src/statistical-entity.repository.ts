import { Injectable } from '@nestjs/common';
import { Database } from '@hub/platform';
import { SourcePosition, StatisticalEntry } from './statistical-entity';

export interface StoredStatisticalEntry extends StatisticalEntry { updatedAt: Date }

const COLUMNS = [
  'id', 'kato_code', 'oked_primary', 'oked_primary_name', 'oked_secondary', 'size_class_code', 'size_class_name',
  'event_time', 'source_topic', 'source_partition', 'source_offset',
] as const;
const TYPES = ['text', 'text', 'text', 'text', 'jsonb', 'text', 'text', 'timestamptz', 'text', 'int', 'bigint'];

// One statement per batch. A row changes only when the incoming event is strictly newer:
// redelivery and out-of-order arrival are both no-ops.
const UPSERT = `
  INSERT INTO src_stat.entities (${COLUMNS.join(', ')})
  SELECT * FROM unnest(${TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET
    ${COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(',\n    ')},
    updated_at = now()
  WHERE src_stat.entities.event_time < excluded.event_time`;

@Injectable()
export class StatisticalEntityRepository {
  constructor(private readonly database: Database) {}

  /** Returns how many rows were inserted or changed. */
  async upsert(items: ReadonlyArray<{ entry: StatisticalEntry; position: SourcePosition }>): Promise<number> {
    if (items.length === 0) return 0;
    const columns: unknown[][] = COLUMNS.map(() => []);
    for (const { entry: e, position: p } of items) {
      const row = [
        e.id, e.katoCode, e.okedPrimary, e.okedPrimaryName, JSON.stringify(e.okedSecondary), e.sizeClassCode, e.sizeClassName,
        e.eventTime.toISOString(), p.topic, p.partition, p.offset,
      ];
      row.forEach((v, i) => columns[i].push(v));
    }
    const result = await this.database.pool.query(UPSERT, columns);
    return result.rowCount ?? 0;
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
