import type { Queryable } from './database';
import { GroupCommit, type Transactional } from './group-commit';

/** A fake database whose transactions commit when the test says so, recording each batch written. */
class FakeDatabase implements Transactional {
  readonly committed: number[][] = [];
  readonly rolledBack: number[][] = [];
  private gates: Array<() => void> = [];
  open = 0;

  async transaction<T>(work: (q: Queryable) => Promise<T>): Promise<T> {
    const batch: number[] = [];
    this.open++;
    try {
      const result = await work({ query: (async (_: string, values: number[]) => { batch.push(...values); return { rows: [] }; }) as unknown as Queryable['query'] });
      await new Promise<void>((r) => this.gates.push(r));
      this.committed.push(batch);
      return result;
    } catch (error) {
      this.rolledBack.push(batch);
      throw error;
    } finally {
      this.open--;
    }
  }

  /** Lets every transaction waiting for its commit finish. */
  async commitAll(): Promise<void> {
    for (let i = 0; i < 10 && (this.gates.length || this.open); i++) {
      const gates = this.gates.splice(0);
      gates.forEach((g) => g());
      await new Promise((r) => setImmediate(r));
    }
  }
}

const writeAll = async (q: Queryable, items: readonly number[]) => {
  if (items.includes(13)) throw new Error('13 is refused');
  await q.query('INSERT', [...items]);
};

describe('GroupCommit', () => {
  it('writes a lone item at once, and what queues up meanwhile together in the next transaction', async () => {
    const db = new FakeDatabase();
    const gc = new GroupCommit<number>(db, writeAll, { maxInFlight: 1 });
    const first = gc.submit(1);
    await new Promise((r) => setImmediate(r));
    const rest = [2, 3, 4].map((n) => gc.submit(n));
    expect(db.open).toBe(1);
    await db.commitAll();
    await Promise.all([first, ...rest]);
    expect(db.committed).toEqual([[1], [2, 3, 4]]);
  });

  it('answers no caller before its own item has committed', async () => {
    const db = new FakeDatabase();
    const gc = new GroupCommit<number>(db, writeAll);
    let done = false;
    const p = gc.submit(7).then(() => { done = true; });
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    await db.commitAll();
    await p;
    expect(done).toBe(true);
    expect(db.committed).toEqual([[7]]);
  });

  it('keeps at most maxInFlight transactions open and splits batches at maxBatch', async () => {
    const db = new FakeDatabase();
    const gc = new GroupCommit<number>(db, writeAll, { maxInFlight: 2, maxBatch: 3 });
    const all = Array.from({ length: 8 }, (_, i) => gc.submit(i));
    await new Promise((r) => setImmediate(r));
    expect(db.open).toBe(2);
    await db.commitAll();
    await Promise.all(all);
    expect(db.committed.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Math.max(...db.committed.map((b) => b.length))).toBeLessThanOrEqual(3);
  });

  it('fails only the caller whose item is refused: the rest of its batch is retried one by one and stored', async () => {
    const db = new FakeDatabase();
    const gc = new GroupCommit<number>(db, writeAll, { maxInFlight: 1 });
    const first = gc.submit(1);
    await new Promise((r) => setImmediate(r));
    const results = [12, 13, 14].map((n) => gc.submit(n).then(() => 'stored', (e: Error) => e.message));
    await db.commitAll();
    await first;
    expect(await Promise.all(results)).toEqual(['stored', '13 is refused', 'stored']);
    expect(db.committed).toEqual([[1], [12], [14]]);
  });

  it('sends a singleStatement write without a transaction, and refuses a second statement in it', async () => {
    const calls: string[] = [];
    const q = { query: (async (sql: string) => { calls.push(sql); return { rows: [] }; }) as unknown as Queryable['query'] };
    const db: Transactional = {
      transaction: async () => { throw new Error('no transaction expected'); },
      autocommit: async (work) => work(q),
    };
    const one = new GroupCommit<number>(db, async (c, items) => { await c.query(`INSERT ${items.join(',')}`); }, { singleStatement: true });
    await one.submit(1);
    expect(calls).toEqual(['INSERT 1']);
    const two = new GroupCommit<number>(db, async (c) => { await c.query('INSERT a'); await c.query('INSERT b'); }, { singleStatement: true });
    await expect(two.submit(2)).rejects.toThrow('wrote a second statement');
  });
});
