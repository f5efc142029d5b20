import { CallerBatches, type CallerBatchOptions } from './caller-batches';

/**
 * Group read: the read-side twin of GroupCommit, for a point read every request makes (a session,
 * a subject's facts). Alone, a read is sent at once (no timer, no added latency); while reads are
 * in flight, the ones that arrive queue up and go together in the next statement, one round trip
 * and one statement for the lot instead of one each.
 *
 * It is not a cache: a queued read is sent only after it was asked for, so its answer is never
 * older than the request (a logout committed before a request arrived is seen by that request).
 * Nothing is kept once answered.
 *
 * `read` answers the keys' values in the keys' order. If a batch fails, its keys are read one by
 * one, so one bad key fails only its own caller.
 */
export class GroupRead<K, V> {
  private readonly batches: CallerBatches<K, V>;

  constructor(read: (keys: readonly K[]) => Promise<readonly V[]>, options: CallerBatchOptions = {}) {
    this.batches = new CallerBatches(read, options);
  }

  load(key: K): Promise<V> {
    return this.batches.add(key);
  }
}
