import type { Consumer, EachBatchPayload } from 'kafkajs';
import type { Logger } from '../observability/logger';

/** One fetched batch on its way: `next` is the offset to commit once it and every earlier batch are done. */
interface InFlight { next: string; done: boolean; dropped: boolean }
interface PartitionTrack { entries: InFlight[] }

export interface PipelinedLaneHooks {
  /** Takes one batch in (decode, handler, dead letters); throws only on an infrastructure failure. */
  take(payload: EachBatchPayload): Promise<void>;
  /** Pauses the partition after an infrastructure failure and resumes it after a backoff. */
  hold(payload: EachBatchPayload, error: unknown): void;
}

/**
 * A lane whose batches do not hold the next fetch (TopicSpec.pipelined): request topics such as
 * NDIP KYC, where a record's latency is what matters. kafkajs fetches again only once every batch
 * of the previous fetch has returned from eachBatch, so a request that arrived while a batch was
 * being answered waited for that whole batch, then for a fetch, then for its own batch. Here a
 * batch is handed over and its fetch position moves on at once; the batches of a partition run
 * side by side (at most `maxInFlight` records at a time), and offsets commit in offset order: a
 * partition's offset moves past a batch only once that batch and every earlier one are taken in
 * (answers produced and logged, bad records dead-lettered). At-least-once is kept: what is not
 * committed comes again after a crash or a rebalance and is answered again from the answer store.
 *
 * An infrastructure failure rewinds the partition to the failed batch (later batches of it are
 * fetched again too) and pauses it with the server's backoff; nothing past it is committed.
 */
export class PipelinedLane {
  private inFlight = 0;
  private readonly capacity: Array<() => void> = [];
  private partitions = new Map<string, PartitionTrack>();
  private readonly commits = new Map<string, { topic: string; partition: number; offset: string }>();
  private committing?: Promise<void>;
  private retryTimer?: NodeJS.Timeout;
  private closing = false;

  constructor(
    private readonly consumer: Consumer,
    private readonly hooks: PipelinedLaneHooks,
    private readonly log: Logger,
    /**
     * Records running at once. A request waits mostly on its database and broker round trips, so a
     * few per core keep the CPU busy; more only share it among more requests, each finishing later.
     */
    private readonly maxInFlight = 16,
  ) {
    // A new generation reads every uncommitted record again (kafkajs resets its fetch positions to
    // the committed offsets): batches still running finish, but commit nothing.
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.partitions = new Map();
      this.commits.clear();
    });
  }

  /** eachBatch: registers the batch, moves the fetch position past it and returns; the batch runs on. */
  async accept(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0) return;
    while (this.inFlight >= this.maxInFlight && !this.closing) {
      await new Promise<void>((resolve) => {
        this.capacity.push(resolve);
        setTimeout(resolve, 1000).unref();
      });
      // Waiting holds the fetch loop, which is where kafkajs heartbeats: keep the membership alive,
      // and give the batch up (it is fetched again by the partition's owner) once a rebalance began.
      try {
        await payload.heartbeat();
      } catch {
        return;
      }
    }
    if (this.closing || !payload.isRunning() || payload.isStale()) return;
    const key = `${batch.topic}/${batch.partition}`;
    let track = this.partitions.get(key);
    if (!track) {
      track = { entries: [] };
      this.partitions.set(key, track);
    }
    const entry: InFlight = { next: (BigInt(batch.lastOffset()) + 1n).toString(), done: false, dropped: false };
    track.entries.push(entry);
    const records = batch.messages.length;
    this.inFlight += records;
    payload.resolveOffset(batch.lastOffset());
    void this.run(payload, key, track, entry, records);
  }

  private async run(payload: EachBatchPayload, key: string, track: PartitionTrack, entry: InFlight, records: number): Promise<void> {
    const { topic, partition } = payload.batch;
    try {
      await this.hooks.take(payload);
    } catch (error) {
      // Rewind: this batch and every later one of the partition are fetched again after the pause.
      const at = track.entries.indexOf(entry);
      if (at >= 0) {
        for (const later of track.entries.slice(at)) later.dropped = true;
        track.entries.length = at;
      }
      entry.dropped = true;
      if (!this.closing && this.partitions.get(key) === track) {
        try {
          this.consumer.seek({ topic, partition, offset: payload.batch.messages[0].offset });
          this.hooks.hold(payload, error);
        } catch (seekError) {
          this.log.warn({ topic, partition, err: { message: (seekError as Error).message } }, 'could not rewind a pipelined partition; its records come again with the next assignment');
        }
      }
      return;
    } finally {
      this.inFlight -= records;
      for (const wake of this.capacity.splice(0)) wake();
    }
    if (entry.dropped) return;
    entry.done = true;
    let next: string | undefined;
    while (track.entries[0]?.done) next = track.entries.shift()?.next;
    if (next !== undefined && this.partitions.get(key) === track) {
      this.commits.set(key, { topic, partition, offset: next });
      this.flush();
    }
  }

  /** One commit request at a time; offsets that became ready meanwhile go in the next one. */
  private flush(): void {
    if (this.committing || this.commits.size === 0) return;
    const offsets = [...this.commits.entries()];
    this.commits.clear();
    const generation = this.partitions;
    let failed = false;
    this.committing = this.consumer
      .commitOffsets(offsets.map(([, o]) => o))
      .catch((error: unknown) => {
        failed = true;
        this.log.warn({ err: { message: (error as Error)?.message, name: (error as Error)?.name }, offsets: offsets.length }, 'pipelined lane: offset commit failed, retrying');
        // Put back what nothing newer replaced, unless a rebalance came in between (then the records come again).
        if (generation !== this.partitions || this.closing) return;
        for (const [key, o] of offsets) if (!this.commits.has(key)) this.commits.set(key, o);
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.flush(), 1000);
        this.retryTimer.unref();
      })
      .finally(() => {
        this.committing = undefined;
        if (!failed) this.flush();
      });
  }

  /**
   * Stops taking batches (the caller pauses the consumer), waits for those running (up to
   * `timeoutMs`) and commits what they finished, so the next owner does not answer them again.
   */
  async drain(timeoutMs: number): Promise<void> {
    this.closing = true;
    for (const wake of this.capacity.splice(0)) wake();
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.committing;
    this.flush();
    await this.committing;
  }

  /** Records handed over and not yet taken in (for tests and metrics). */
  get pending(): number {
    return this.inFlight;
  }
}
