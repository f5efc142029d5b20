import type { Consumer, EachBatchPayload } from 'kafkajs';
import { createLogger } from '../observability/logger';
import { PipelinedLane } from './pipelined-lane';

/** A consumer stand-in: records commits and seeks, lets the test fire GROUP_JOIN. */
function fakeConsumer() {
  const commits: Array<Array<{ topic: string; partition: number; offset: string }>> = [];
  const seeks: Array<{ topic: string; partition: number; offset: string }> = [];
  const listeners = new Map<string, () => void>();
  const consumer = {
    events: { GROUP_JOIN: 'consumer.group_join' },
    on: (event: string, listener: () => void) => { listeners.set(event, listener); return () => undefined; },
    commitOffsets: async (offsets: Array<{ topic: string; partition: number; offset: string }>) => { commits.push(offsets); },
    seek: (o: { topic: string; partition: number; offset: string }) => { seeks.push(o); },
  } as unknown as Consumer;
  return { consumer, commits, seeks, rejoin: () => listeners.get('consumer.group_join')?.() };
}

function payload(partition: number, offsets: number[]) {
  const resolved: string[] = [];
  const p = {
    batch: { topic: 't', partition, messages: offsets.map((o) => ({ offset: String(o) })), lastOffset: () => String(offsets[offsets.length - 1]) },
    resolveOffset: (o: string) => { resolved.push(o); },
    isRunning: () => true,
    isStale: () => false,
    heartbeat: async () => undefined,
  } as unknown as EachBatchPayload;
  return { p, resolved };
}

/** A take() the test finishes by hand, batch by batch (keyed by first offset). */
function manualTake() {
  const pending = new Map<string, { resolve: () => void; reject: (e: unknown) => void }>();
  const take = (p: EachBatchPayload) => new Promise<void>((resolve, reject) => { pending.set(`${p.batch.partition}:${p.batch.messages[0].offset}`, { resolve, reject }); });
  return { take, pending };
}

const tick = () => new Promise((r) => setImmediate(r));
const silent = createLogger('silent');

describe('PipelinedLane (TopicSpec.pipelined)', () => {
  it('returns from eachBatch before the batch is taken in, so the next fetch does not wait for it', async () => {
    const { consumer, commits } = fakeConsumer();
    const { take, pending } = manualTake();
    const lane = new PipelinedLane(consumer, { take, hold: jest.fn() }, silent);
    const first = payload(0, [0, 1]);
    await lane.accept(first.p);
    expect(first.resolved).toEqual(['1']);
    expect(pending.size).toBe(1);
    expect(commits).toEqual([]);
    expect(lane.pending).toBe(2);
  });

  it('commits a partition in offset order: a later batch done first waits for the earlier one', async () => {
    const { consumer, commits } = fakeConsumer();
    const { take, pending } = manualTake();
    const lane = new PipelinedLane(consumer, { take, hold: jest.fn() }, silent);
    await lane.accept(payload(0, [0, 1]).p);
    await lane.accept(payload(0, [2, 3]).p);
    await lane.accept(payload(1, [7]).p);
    pending.get('0:2')?.resolve();
    await tick();
    expect(commits).toEqual([]);
    pending.get('1:7')?.resolve();
    await tick();
    expect(commits.flat()).toEqual([{ topic: 't', partition: 1, offset: '8' }]);
    pending.get('0:0')?.resolve();
    await tick();
    await tick();
    expect(commits.flat()).toContainEqual({ topic: 't', partition: 0, offset: '4' });
    expect(commits.flat().filter((c) => c.partition === 0)).toEqual([{ topic: 't', partition: 0, offset: '4' }]);
  });

  it('an infrastructure failure rewinds the partition to the failed batch, holds it and commits nothing past it', async () => {
    const { consumer, commits, seeks } = fakeConsumer();
    const { take, pending } = manualTake();
    const hold = jest.fn();
    const lane = new PipelinedLane(consumer, { take, hold }, silent);
    await lane.accept(payload(0, [0]).p);
    await lane.accept(payload(0, [1, 2]).p);
    await lane.accept(payload(0, [3]).p);
    pending.get('0:1')?.reject(new Error('database down'));
    await tick();
    expect(seeks).toEqual([{ topic: 't', partition: 0, offset: '1' }]);
    expect(hold).toHaveBeenCalledTimes(1);
    pending.get('0:3')?.resolve();
    pending.get('0:0')?.resolve();
    await tick();
    await tick();
    expect(commits.flat()).toEqual([{ topic: 't', partition: 0, offset: '1' }]);
    expect(lane.pending).toBe(0);
  });

  it('after a rebalance, batches of the old generation commit nothing (their records come again)', async () => {
    const { consumer, commits, rejoin } = fakeConsumer();
    const { take, pending } = manualTake();
    const lane = new PipelinedLane(consumer, { take, hold: jest.fn() }, silent);
    await lane.accept(payload(0, [0]).p);
    rejoin();
    pending.get('0:0')?.resolve();
    await tick();
    expect(commits).toEqual([]);
  });

  it('holds eachBatch while maxInFlight records are running', async () => {
    const { consumer } = fakeConsumer();
    const { take, pending } = manualTake();
    const lane = new PipelinedLane(consumer, { take, hold: jest.fn() }, silent, 2);
    await lane.accept(payload(0, [0, 1]).p);
    let returned = false;
    const second = lane.accept(payload(0, [2]).p).then(() => { returned = true; });
    await tick();
    expect(returned).toBe(false);
    pending.get('0:0')?.resolve();
    await second;
    expect(returned).toBe(true);
  });

  it('while it waits for room it heartbeats, and gives the batch up once a rebalance began (its records are fetched again)', async () => {
    const { consumer } = fakeConsumer();
    const { take } = manualTake();
    const lane = new PipelinedLane(consumer, { take, hold: jest.fn() }, silent, 1);
    await lane.accept(payload(0, [0]).p);
    const waiting = payload(0, [1]);
    const heartbeat = jest.fn(async () => { throw new Error('The group is rebalancing, so a rejoin is needed'); });
    (waiting.p as unknown as { heartbeat: typeof heartbeat }).heartbeat = heartbeat;
    await lane.accept(waiting.p);
    expect(heartbeat).toHaveBeenCalledTimes(1);
    expect(waiting.resolved).toEqual([]);
    expect(lane.pending).toBe(1);
  });

  it('drain waits for running batches and commits them', async () => {
    const { consumer, commits } = fakeConsumer();
    const { take, pending } = manualTake();
    const lane = new PipelinedLane(consumer, { take, hold: jest.fn() }, silent);
    await lane.accept(payload(2, [5]).p);
    const drained = lane.drain(5000);
    setTimeout(() => pending.get('2:5')?.resolve(), 20);
    await drained;
    expect(commits.flat()).toEqual([{ topic: 't', partition: 2, offset: '6' }]);
    const late = payload(2, [6]);
    await lane.accept(late.p);
    expect(late.resolved).toEqual([]);
  });
});
