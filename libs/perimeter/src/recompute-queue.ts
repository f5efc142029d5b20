import { BeforeApplicationShutdown, Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { LOGGER, Logger } from '@hub/platform';
import { PreliminaryIndexer } from './preliminary-index';
import { PreliminaryIndexPublisher } from './preliminary-index.publisher';

export const RECOMPUTE_QUEUE_OPTIONS = Symbol('RECOMPUTE_QUEUE_OPTIONS');
export interface RecomputeQueueOptions {
  /** Recompute once no feed batch has touched an id for this long (the feeds have caught up). */
  quietMs: number;
  /** ...but never leave an id waiting longer than this, however busy the feeds are. */
  maxDelayMs: number;
  /** ...nor let more ids than this wait (bounds memory during a long backlog). */
  maxPending: number;
  /** Ids recomputed per call: bounds the records held in memory at once. */
  chunk: number;
}

/**
 * Feeds arrive in bulk (utility monthly, BPR §24.10) and a report may take up to an hour (BPR §34),
 * so a bulk load is stored first and derived after: with a 30 s / 100k bound, a million-record
 * backlog recomputed mid-load, halving ingest (9.1k against 20.9k records/s measured) and recomputing
 * subjects whose remaining records were still queued. With every id of that load pending at once
 * the hub peaked at 372 MB RSS, inside its 512 MB budget.
 */
export const DEFAULT_RECOMPUTE_QUEUE_OPTIONS: RecomputeQueueOptions = { quietMs: 2000, maxDelayMs: 5 * 60_000, maxPending: 500_000, chunk: 5000 };

/**
 * Ids touched by stored feed batches wait here and are recomputed together, off the ingest path.
 * One subject's facts, financials and lists arrive in separate batches and topics, so waiting
 * until the feeds go quiet (bounded by maxDelayMs and maxPending) recomputes each subject once
 * instead of once per batch: during a backlog the cores go to ingest, and an index is never more
 * than maxDelayMs late (more only if recomputing itself falls behind). A crash loses the pending
 * ids; `npm run preliminary:recompute` recomputes a whole source. Pending ids are flushed on shutdown.
 */
@Injectable()
export class RecomputeQueue implements BeforeApplicationShutdown, OnModuleDestroy {
  private readonly pending = new Map<PreliminaryIndexer, Set<string>>();
  private pendingCount = 0;
  private firstPendingAt = 0;
  private lastScheduledAt = 0;
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly publisher: PreliminaryIndexPublisher,
    @Inject(LOGGER) private readonly log: Logger,
    @Inject(RECOMPUTE_QUEUE_OPTIONS) private readonly options: RecomputeQueueOptions,
  ) {}

  schedule(indexer: PreliminaryIndexer, ids: readonly string[]): void {
    if (ids.length === 0) return;
    const set = this.pending.get(indexer) ?? new Set<string>();
    const before = set.size;
    for (const id of ids) set.add(id);
    this.pending.set(indexer, set);
    this.pendingCount += set.size - before;
    const now = Date.now();
    if (this.firstPendingAt === 0) this.firstPendingAt = now;
    this.lastScheduledAt = now;
    if (this.pendingCount >= this.options.maxPending) void this.flush();
    else this.arm();
  }

  /** Recomputes everything pending; flushes never overlap. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending];
    this.pending.clear();
    this.pendingCount = 0;
    this.firstPendingAt = 0;
    // Sources are independent: their reads overlap on the database while each publishes in order.
    this.flushing = this.flushing.then(() => Promise.all(batch.map(async ([indexer, set]) => {
      const ids = [...set];
      for (let i = 0; i < ids.length; i += this.options.chunk) {
        const chunk = ids.slice(i, i + this.options.chunk);
        try {
          await this.publisher.recompute(indexer, chunk);
        } catch (error) {
          this.log.error({ err: error, source: indexer.source, ids: chunk.length }, 'preliminary recompute failed; ids kept for the next flush');
          this.schedule(indexer, chunk);
        }
      }
    })).then(() => undefined));
    return this.flushing;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  onModuleDestroy(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  /** One timer at a time: it fires when the quiet window or the delay bound would end, whichever is first. */
  private arm(): void {
    if (this.timer) return;
    const now = Date.now();
    const quietLeft = this.lastScheduledAt + this.options.quietMs - now;
    const delayLeft = this.firstPendingAt + this.options.maxDelayMs - now;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const at = Date.now();
      if (at - this.lastScheduledAt >= this.options.quietMs || at - this.firstPendingAt >= this.options.maxDelayMs) void this.flush();
      else this.arm();
    }, Math.max(0, Math.min(quietLeft, delayLeft)));
  }
}
