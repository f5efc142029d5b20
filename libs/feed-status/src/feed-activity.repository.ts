import { Injectable } from '@nestjs/common';
import { Database } from '@hub/platform';

export interface FeedActivity {
  topic: string;
  source: string;
  endOffsetSum: string;
  lastRecordAt: Date | null;
  observedAt: Date;
}

@Injectable()
export class FeedActivityRepository {
  constructor(private readonly database: Database) {}

  async all(): Promise<FeedActivity[]> {
    const rows = await this.database.query<Record<string, unknown>>('SELECT * FROM src_feed_status.feed_activity ORDER BY topic');
    return rows.map((r) => ({
      topic: r.topic as string,
      source: r.source as string,
      endOffsetSum: String(r.end_offset_sum),
      lastRecordAt: (r.last_record_at as Date | null) ?? null,
      observedAt: r.observed_at as Date,
    }));
  }

  /** Never moves lastRecordAt backwards: a slower observer must not undo a newer one. */
  async save(a: FeedActivity): Promise<void> {
    await this.database.query(
      `INSERT INTO src_feed_status.feed_activity (topic, source, end_offset_sum, last_record_at, observed_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (topic) DO UPDATE SET
         source = excluded.source, end_offset_sum = excluded.end_offset_sum, observed_at = excluded.observed_at,
         last_record_at = GREATEST(src_feed_status.feed_activity.last_record_at, excluded.last_record_at)`,
      [a.topic, a.source, a.endOffsetSum, a.lastRecordAt?.toISOString() ?? null, a.observedAt.toISOString()],
    );
  }
}
