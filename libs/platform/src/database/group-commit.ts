import { CallerBatches, type CallerBatchOptions } from './caller-batches';
import type { Queryable } from './database';

/** What a group commit needs of the database: a transaction (Database has it). */
export interface Transactional {
  transaction<T>(work: (q: Queryable) => Promise<T>): Promise<T>;
  /** One statement on a connection, no BEGIN/COMMIT (Database has it; see GroupCommit's singleStatement). */
  autocommit?<T>(work: (q: Queryable) => Promise<T>): Promise<T>;
}

/** `q` that refuses a second statement: it would commit on its own, and the batch would not be atomic. */
function oneStatement(q: Queryable): Queryable {
  let sent = false;
  const query = (...args: unknown[]): unknown => {
    if (sent) throw new Error('a singleStatement group commit wrote a second statement');
    sent = true;
    return (q.query as (...a: unknown[]) => unknown).apply(q, args);
  };
  return { query: query as Queryable['query'] };
}

/**
 * Group commit: rows that callers must have durably stored before they answer (evidence such as an
 * issued report and its check) are written by a few transactions in flight, each taking everything
 * that queued up while the previous ones committed. Alone, a row is written at once (no timer, no
 * added latency); under load, many rows share one transaction and one commit flush instead of
 * BEGIN/INSERT/COMMIT round trips and an fsync each. Every caller still learns only after its own
 * row has committed, so nothing is acknowledged that is not stored.
 *
 * If a batch fails, its items are retried one by one, so one bad row fails only its own caller.
 */
export class GroupCommit<T> {
  private readonly batches: CallerBatches<T, void>;

  constructor(
    private readonly database: Transactional,
    private readonly write: (q: Queryable, items: readonly T[]) => Promise<void>,
    /**
     * `singleStatement`: the write is exactly one statement, which PostgreSQL commits atomically on
     * its own, so it is sent without BEGIN and COMMIT (two round trips fewer per batch).
     */
    private readonly options: CallerBatchOptions & { singleStatement?: boolean } = {},
  ) {
    this.batches = new CallerBatches<T, void>(async (items) => {
      await this.run((q) => this.write(q, items));
      return items.map(() => undefined);
    }, options);
  }

  /** Resolves when `item` has been committed; rejects with the write's error if it could not be. */
  submit(item: T): Promise<void> {
    return this.batches.add(item);
  }

  private async run(work: (q: Queryable) => Promise<void>): Promise<void> {
    const { autocommit } = this.database;
    if (!this.options.singleStatement || !autocommit) return this.database.transaction(work);
    await autocommit.call(this.database, (q: Queryable) => work(oneStatement(q)));
  }
}
