import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Database, HubConfig, KafkaBatchServer, LOGGER, Logger } from '@hub/platform';
import { PreliminaryIndexer } from './preliminary-index';
import { PreliminaryIndexPublisher } from './preliminary-index.publisher';
import { DrainTiming, drainDue, drainGoesOn } from './recompute-outbox.rules';

export const RECOMPUTE_OUTBOX_OPTIONS = Symbol('RECOMPUTE_OUTBOX_OPTIONS');

export interface RecomputeOutboxOptions extends DrainTiming {
  /** Ids claimed, recomputed and deleted per transaction. */
  chunk: number;
  /** How often each outbox is looked at. */
  pollMs: number;
}

export const recomputeOutboxOptions = (config: HubConfig): RecomputeOutboxOptions => ({
  quietMs: config.RECOMPUTE_QUIET_MS, maxDelayMs: config.RECOMPUTE_MAX_DELAY_MS, chunk: config.RECOMPUTE_CHUNK, pollMs: 1000,
});

/** One source's outbox: `<schema>.recompute_outbox`, read through the source's own role. */
export interface OutboxSource {
  indexer: PreliminaryIndexer;
  database: Database;
  /** Schema-qualified table name, a code constant. */
  table: string;
}

/**
 * Durable derived work. A feed upsert writes the ids whose rows changed into the source's
 * recompute_outbox in the same statement (unnestUpsert's `outbox`), so an id is pending exactly
 * when its stored data is newer than its last published index - a crash or kill -9 loses nothing.
 *
 * Each instance drains every source's outbox a chunk per transaction: claim ids (FOR UPDATE SKIP
 * LOCKED, so instances of a cluster take disjoint chunks), recompute and publish, delete, commit.
 * An ingest that re-queues a claimed id waits for that transaction (its ON CONFLICT locks the row),
 * then inserts it afresh: an id whose data changed during its recompute is recomputed again.
 * A crash between publish and commit republishes the chunk: indexes are at least once.
 */
@Injectable()
export class RecomputeOutbox implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly sources: OutboxSource[] = [];
  private timer?: NodeJS.Timeout;
  private stopping = false;
  private current: Promise<void> = Promise.resolve();

  constructor(
    @Inject(PreliminaryIndexPublisher) private readonly publisher: PreliminaryIndexPublisher,
    @Inject(KafkaBatchServer) private readonly feed: KafkaBatchServer,
    @Inject(LOGGER) private readonly log: Logger,
    @Inject(RECOMPUTE_OUTBOX_OPTIONS) private readonly options: RecomputeOutboxOptions,
  ) {}

  /** Each source's indexer registers its outbox once, at construction. */
  register(source: OutboxSource): void {
    this.sources.push(source);
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  /** Stops between chunks: a chunk in flight commits, everything else stays in the outbox for the next start. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
  }

  /** Looks at every outbox once and drains those that are due; resolves when done. */
  async tick(): Promise<void> {
    await Promise.all(this.sources.map((s) => this.drainIfDue(s).catch((error: unknown) => {
      this.log.error({ err: error, source: s.indexer.source }, 'preliminary recompute failed; ids stay in the outbox');
    })));
  }

  /** Drains a source's outbox whatever the timing (tests, and tools that must not wait). */
  async drainAll(source: OutboxSource): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.drainChunk(source, null);
      if (n === 0) return total;
      total += n;
    }
  }

  private schedule(): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.current = this.tick().finally(() => this.schedule());
    }, this.options.pollMs);
    this.timer.unref();
  }

  private async drainIfDue(source: OutboxSource): Promise<void> {
    const [state] = await source.database.query<{ oldest: number | null; newest: number | null; now: Date }>(
      `SELECT (extract(epoch FROM now() - min(queued_at)) * 1000)::float8 AS oldest,
              (extract(epoch FROM now() - max(queued_at)) * 1000)::float8 AS newest, now() AS now
       FROM ${source.table}`);
    const due = drainDue({
      oldestAgeMs: state.oldest, newestAgeMs: state.newest ?? 0,
      sinceLastBatchMs: Date.now() - this.feed.lastBatchAt,
    }, this.options);
    if (!due) return;
    const cutoff = due === 'overdue' ? state.now : null;
    while (!this.stopping && drainGoesOn(due, Date.now() - this.feed.lastBatchAt, this.options) && (await this.drainChunk(source, cutoff)) > 0) { /* next chunk */ }
  }

  private drainChunk(source: OutboxSource, cutoff: Date | null): Promise<number> {
    return source.database.transaction(async (client) => {
      const claimed = await client.query<{ id: string }>(
        `SELECT id FROM ${source.table} WHERE $1::timestamptz IS NULL OR queued_at <= $1::timestamptz
         ORDER BY queued_at LIMIT $2 FOR UPDATE SKIP LOCKED`, [cutoff, this.options.chunk]);
      if (claimed.rows.length === 0) return 0;
      const ids = claimed.rows.map((r) => r.id);
      await this.publisher.recompute(source.indexer, ids);
      await client.query(`DELETE FROM ${source.table} WHERE id = ANY($1::text[])`, [ids]);
      return ids.length;
    });
  }
}
