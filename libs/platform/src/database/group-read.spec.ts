import { GroupRead } from './group-read';

/** A read whose statements answer when the test says so, recording the keys of each. */
class FakeReads {
  readonly batches: number[][] = [];
  private gates: Array<() => void> = [];

  readonly read = async (keys: readonly number[]): Promise<string[]> => {
    this.batches.push([...keys]);
    await new Promise<void>((r) => this.gates.push(r));
    if (keys.includes(13)) throw new Error('13 is refused');
    return keys.map((k) => `v${k}`);
  };

  get open(): number {
    return this.gates.length;
  }

  async answerAll(): Promise<void> {
    for (let i = 0; i < 10; i++) {
      this.gates.splice(0).forEach((g) => g());
      await new Promise((r) => setImmediate(r));
    }
  }
}

const tick = () => new Promise((r) => setImmediate(r));

describe('GroupRead', () => {
  it('reads a lone key at once, and the keys asked for meanwhile together in the next statement, each answered its own value', async () => {
    const db = new FakeReads();
    const reads = new GroupRead<number, string>(db.read, { maxInFlight: 1 });
    const first = reads.load(1);
    await tick();
    expect(db.batches).toEqual([[1]]);
    const rest = [2, 3, 2].map((k) => reads.load(k));
    await tick();
    // not sent yet: asked for after the first read started, they wait for a read of their own
    expect(db.batches).toEqual([[1]]);
    await db.answerAll();
    await expect(first).resolves.toBe('v1');
    await expect(Promise.all(rest)).resolves.toEqual(['v2', 'v3', 'v2']);
    expect(db.batches).toEqual([[1], [2, 3, 2]]);
  });

  it('never answers a key from a read that started before it was asked for', async () => {
    const db = new FakeReads();
    const reads = new GroupRead<number, string>(db.read, { maxInFlight: 2 });
    const a = reads.load(5);
    await tick();
    const b = reads.load(5);
    await tick();
    expect(db.batches).toEqual([[5], [5]]);
    await db.answerAll();
    await expect(Promise.all([a, b])).resolves.toEqual(['v5', 'v5']);
  });

  it('keeps at most maxInFlight reads open', async () => {
    const db = new FakeReads();
    const reads = new GroupRead<number, string>(db.read, { maxInFlight: 2 });
    const all = [1, 2, 3, 4].map((k) => reads.load(k));
    await tick();
    expect(db.open).toBe(2);
    await db.answerAll();
    await expect(Promise.all(all)).resolves.toEqual(['v1', 'v2', 'v3', 'v4']);
  });

  it('fails only the caller of a bad key: a failed batch is read again key by key', async () => {
    const db = new FakeReads();
    const reads = new GroupRead<number, string>(db.read, { maxInFlight: 1 });
    const first = reads.load(1);
    await tick();
    const good = reads.load(2);
    const bad = expect(reads.load(13)).rejects.toThrow('13 is refused');
    await db.answerAll();
    await expect(first).resolves.toBe('v1');
    await expect(good).resolves.toBe('v2');
    await bad;
    expect(db.batches).toEqual([[1], [2, 13], [2], [13]]);
  });

  it('refuses an answer that does not have one value per key', async () => {
    const reads = new GroupRead<number, string>(async () => ['only one'], {});
    await expect(reads.load(1)).resolves.toBe('only one');
    const short = new GroupRead<number, string>(async () => [], {});
    await expect(short.load(1)).rejects.toThrow('answered 0 values for 1 keys');
  });
});
