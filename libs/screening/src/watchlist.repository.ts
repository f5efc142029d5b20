import { Injectable } from '@nestjs/common';
import { Column, Database, runUpsert, unnestUpsert } from '@hub/platform';
import { SourcePosition, WatchlistEntry } from './watchlist-entry';

const COLUMNS: readonly Column[] = [
  ['entry_id', 'text'], ['list', 'text'], ['kind', 'text'], ['delisted', 'boolean'], ['list_version', 'text'], ['entry', 'jsonb'],
  ['event_time', 'timestamptz'], ['source_topic', 'text'], ['source_partition', 'int'], ['source_offset', 'bigint'],
];
// Redelivery and out-of-order arrival are both no-ops: a row changes only for a newer list event.
const UPSERT = unnestUpsert('screening.watchlist_entries', COLUMNS, ['entry_id']);

type StoredEntry = Omit<WatchlistEntry, 'eventTime'> & { eventTime: string };

export interface WatchlistChanges {
  entries: WatchlistEntry[];
  /** The newest updated_at among the rows read; pass it back (minus an overlap) to read only later changes. */
  watermark: Date | null;
}

@Injectable()
export class WatchlistRepository {
  constructor(private readonly database: Database) {}

  /** Returns how many rows were inserted or changed. Rows must be unique by entry id (dedupe first). */
  async upsert(items: ReadonlyArray<{ entry: WatchlistEntry; position: SourcePosition }>): Promise<number> {
    return runUpsert(this.database.pool, UPSERT, COLUMNS.length, items.map(({ entry: e, position: p }) => [
      e.entryId, e.list, e.kind, e.delisted, e.listVersion, e, e.eventTime.toISOString(), p.topic, p.partition, p.offset,
    ]));
  }

  /** Entries (de-listed ones included) written after `since`, or all of them. */
  async changedSince(since: Date | null): Promise<WatchlistChanges> {
    const rows = await this.database.query<{ entry: StoredEntry; updated_at: Date }>(
      since === null
        ? 'SELECT entry, updated_at FROM screening.watchlist_entries'
        : 'SELECT entry, updated_at FROM screening.watchlist_entries WHERE updated_at > $1',
      since === null ? [] : [since.toISOString()],
    );
    let watermark: Date | null = since;
    const entries = rows.map((r) => {
      if (!watermark || r.updated_at > watermark) watermark = r.updated_at;
      return { ...r.entry, eventTime: new Date(r.entry.eventTime) };
    });
    return { entries, watermark };
  }

  async find(entryId: string): Promise<WatchlistEntry | null> {
    const [row] = await this.database.query<{ entry: StoredEntry }>('SELECT entry FROM screening.watchlist_entries WHERE entry_id = $1', [entryId]);
    return row ? { ...row.entry, eventTime: new Date(row.entry.eventTime) } : null;
  }
}
