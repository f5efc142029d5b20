import { BeforeApplicationShutdown, Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { LOGGER, Logger } from '@hub/platform';
import { PreliminaryIndexer } from './preliminary-index';
import { PreliminaryIndexPublisher } from './preliminary-index.publisher';

export const RECOMPUTE_QUEUE_OPTIONS = Symbol('RECOMPUTE_QUEUE_OPTIONS');
export interface RecomputeQueueOptions { flushMs: number; maxPending: number }

/**
 * Ids touched by stored feed batches wait here a few seconds and are recomputed together, off the
 * ingest path: recomputing inline halved hub ingest, and one subject's facts, financials and lists
 * arrive in separate batches, so a short wait also avoids computing it three times.
 * A crash loses at most one interval (3 s) of pending recomputes; `npm run preliminary:recompute`
 * recomputes a whole source. Pending ids are flushed on shutdown.
 */
@Injectable()
export class RecomputeQueue implements BeforeApplicationShutdown, OnModuleDestroy {
  private readonly pending = new Map<PreliminaryIndexer, Set<string>>();
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
    for (const id of ids) set.add(id);
    this.pending.set(indexer, set);
    if (set.size >= this.options.maxPending) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs);
  }

  /** Recomputes everything pending; flushes never overlap. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending];
    this.pending.clear();
    this.flushing = this.flushing.then(async () => {
      for (const [indexer, ids] of batch) {
        try {
          await this.publisher.recompute(indexer, [...ids]);
        } catch (error) {
          this.log.error({ err: error, source: indexer.source, ids: ids.size }, 'preliminary recompute failed; ids kept for the next flush');
          this.schedule(indexer, [...ids]);
        }
      }
    });
    return this.flushing;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  onModuleDestroy(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
