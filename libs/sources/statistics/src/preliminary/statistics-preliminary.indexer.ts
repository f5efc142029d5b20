import { Injectable } from '@nestjs/common';
import { Database } from '@hub/platform';
import { BprRiskKind, PreliminaryIndexer, RecomputeOutbox, SubjectFeatures } from '@hub/perimeter';
import { statisticsFeatures, statisticsWindow } from './statistics.features';

/** The statistics bureau's perimeter: declared activities and size class. */
@Injectable()
export class StatisticsPreliminaryIndexer implements PreliminaryIndexer {
  readonly source = 'STATISTICS' as const;
  readonly kinds: readonly BprRiskKind[] = ['CONSCIENTIOUSNESS', 'FINANCIAL_STABILITY', 'PAYMENT_DISCIPLINE'];

  constructor(private readonly database: Database, outbox: RecomputeOutbox) {
    // Ids wait in the source's own outbox, written with the feed rows (see RecomputeOutbox).
    outbox.register({ indexer: this, database, table: 'src_stat.recompute_outbox' });
  }

  async ids(after: string | null, limit: number): Promise<string[]> {
    const rows = await this.database.query<{ id: string }>('SELECT id AS id FROM src_stat.entities WHERE id > $1::bpchar ORDER BY id LIMIT $2', [after ?? '', limit]);
    return rows.map((r) => r.id);
  }

  async features(ids: readonly string[], now: Date): Promise<SubjectFeatures[]> {
    const rows = await this.database.query<{ id: string; secondary: number; size_class_code: string; event_time: Date }>(
      'SELECT id, jsonb_array_length(oked_secondary) AS secondary, size_class_code, event_time FROM src_stat.entities WHERE id = ANY($1::bpchar[])', [[...ids]]);
    return rows.map((r) => {
      const facts = { okedSecondaryCount: Number(r.secondary), sizeClassCode: r.size_class_code, recordedAt: r.event_time };
      return { subjectId: r.id, features: statisticsFeatures(facts), window: statisticsWindow(facts, now) };
    });
  }
}
