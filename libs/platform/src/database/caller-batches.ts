interface Waiting<I, O> { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }

export interface CallerBatchOptions {
  /** Items per batch (default 100). */
  maxBatch?: number;
  /** Batches running at once (default 2). */
  maxInFlight?: number;
}

/**
 * The batching behind GroupCommit and GroupRead: alone, an item is run at once (no timer, no added
 * latency); while batches are in flight, the items that arrive queue up and run together in the
 * next one. `run` answers the items' results in their order. If a batch fails, its items are run
 * one by one, so one bad item fails only its own caller.
 */
export class CallerBatches<I, O> {
  private queue: Array<Waiting<I, O>> = [];
  private inFlight = 0;

  constructor(private readonly run: (items: readonly I[]) => Promise<readonly O[]>, private readonly options: CallerBatchOptions = {}) {}

  /** Resolves with the item's result once its batch has run. */
  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.inFlight < (this.options.maxInFlight ?? 2)) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.inFlight++;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.options.maxBatch ?? 100);
        try {
          const results = await this.runChecked(batch);
          batch.forEach((w, i) => w.resolve(results[i]));
        } catch (error) {
          if (batch.length === 1) batch[0].reject(error);
          else await this.oneByOne(batch);
        }
      }
    } finally {
      this.inFlight--;
    }
  }

  private async runChecked(batch: ReadonlyArray<Waiting<I, O>>): Promise<readonly O[]> {
    const results = await this.run(batch.map((w) => w.item));
    if (results.length !== batch.length) throw new Error(`a batch answered ${results.length} values for ${batch.length} keys`);
    return results;
  }

  private async oneByOne(batch: ReadonlyArray<Waiting<I, O>>): Promise<void> {
    for (const w of batch) {
      try {
        w.resolve((await this.runChecked([w]))[0]);
      } catch (error) {
        w.reject(error);
      }
    }
  }
}
