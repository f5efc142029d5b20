import type { Logger } from '@hub/platform';
import type { PreliminaryIndexer } from './preliminary-index';
import type { PreliminaryIndexPublisher } from './preliminary-index.publisher';
import { RecomputeQueue, RecomputeQueueOptions } from './recompute-queue';

const indexer = { source: 'TAX', kinds: ['CONSCIENTIOUSNESS'] } as unknown as PreliminaryIndexer;
const log = { error: jest.fn() } as unknown as Logger;

function queueWith(options: Partial<RecomputeQueueOptions> = {}) {
  const calls: string[][] = [];
  const publisher = { recompute: jest.fn((_: PreliminaryIndexer, ids: readonly string[]) => { calls.push([...ids]); return Promise.resolve([]); }) };
  const queue = new RecomputeQueue(publisher as unknown as PreliminaryIndexPublisher, log, { quietMs: 2000, maxDelayMs: 30_000, maxPending: 100, chunk: 50, ...options });
  return { queue, calls };
}

describe('RecomputeQueue', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('waits while feed batches keep touching ids, and recomputes each id once when the feeds go quiet', async () => {
    const { queue, calls } = queueWith();
    for (let t = 0; t < 10; t++) {
      queue.schedule(indexer, ['a', 'b']);
      await jest.advanceTimersByTimeAsync(1000);
    }
    expect(calls).toEqual([]);
    await jest.advanceTimersByTimeAsync(2000);
    expect(calls).toEqual([['a', 'b']]);
  });

  it('never lets an id wait longer than the delay bound, however busy the feeds are', async () => {
    const { queue, calls } = queueWith({ maxDelayMs: 5000 });
    for (let t = 0; t < 6; t++) {
      queue.schedule(indexer, [`id${t}`]);
      await jest.advanceTimersByTimeAsync(1000);
    }
    expect(calls).toEqual([['id0', 'id1', 'id2', 'id3', 'id4']]);
  });

  it('recomputes at once when too many ids wait, in chunks', async () => {
    const { queue, calls } = queueWith({ maxPending: 120, chunk: 50 });
    queue.schedule(indexer, Array.from({ length: 120 }, (_, i) => `id${i}`));
    await jest.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.length)).toEqual([50, 50, 20]);
  });

  it('flushes what is pending on shutdown', async () => {
    const { queue, calls } = queueWith();
    queue.schedule(indexer, ['x']);
    await queue.beforeApplicationShutdown();
    expect(calls).toEqual([['x']]);
  });
});
