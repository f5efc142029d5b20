interface Waiting<K, V> { key: K; resolve: (value: V) => void; reject: (error: unknown) => void }

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
  private queue: Array<Waiting<K, V>> = [];
  private inFlight = 0;

  constructor(
    private readonly read: (keys: readonly K[]) => Promise<readonly V[]>,
    private readonly options: { maxBatch?: number; maxInFlight?: number } = {},
  ) {}

  load(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      this.queue.push({ key, resolve, reject });
      if (this.inFlight < (this.options.maxInFlight ?? 2)) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.inFlight++;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.options.maxBatch ?? 100);
        try {
          const values = await this.readChecked(batch);
          batch.forEach((w, i) => w.resolve(values[i]));
        } catch (error) {
          if (batch.length === 1) batch[0].reject(error);
          else await this.oneByOne(batch);
        }
      }
    } finally {
      this.inFlight--;
    }
  }

  private async readChecked(batch: ReadonlyArray<Waiting<K, V>>): Promise<readonly V[]> {
    const values = await this.read(batch.map((w) => w.key));
    if (values.length !== batch.length) throw new Error(`a group read answered ${values.length} values for ${batch.length} keys`);
    return values;
  }

  private async oneByOne(batch: ReadonlyArray<Waiting<K, V>>): Promise<void> {
    for (const w of batch) {
      try {
        w.resolve((await this.readChecked([w]))[0]);
      } catch (error) {
        w.reject(error);
      }
    }
  }
}
