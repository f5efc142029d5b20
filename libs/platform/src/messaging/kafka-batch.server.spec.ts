import type { EachBatchPayload, Kafka } from 'kafkajs';
import type { MessageHandler } from '@nestjs/microservices';
import { DatabaseError } from 'pg';
import { createLogger } from '../observability/logger';
import { HubMetrics } from '../observability/metrics';
import type { AvroRegistry } from './avro-registry';
import type { DeadLetter, DeadLetterPublisher } from './dead-letter.publisher';
import type { FeedBatch } from './feed-record';
import { KafkaBatchServer, KafkaBatchServerOptions } from './kafka-batch.server';
import { Topics } from './topic-catalog';

/** The transport's decisions with stand-ins for Kafka, the registry and the store. */
function setup(handler: (batch: FeedBatch) => Promise<unknown>, dependenciesUp = true, extra: Partial<KafkaBatchServerOptions> = {}) {
  const published: DeadLetter[] = [];
  const metrics = new HubMetrics({ defaultMetrics: false });
  const probes: number[] = [];
  const server = new KafkaBatchServer(
    {} as Kafka,
    { decode: async (buffer: Buffer) => JSON.parse(buffer.subarray(1).toString()) as unknown } as unknown as AvroRegistry,
    { publish: async (letters: DeadLetter[]) => { published.push(...letters); } } as unknown as DeadLetterPublisher,
    createLogger('silent'),
    { groupId: 'g', topicPrefix: '', metrics, recordAttempts: 3, dependenciesUp: async () => { probes.push(1); return dependenciesUp; }, ...extra },
  );
  server.addHandler('feed', (batch: FeedBatch) => handler(batch), true);
  const calls = { resolved: [] as string[], paused: 0, resumed: 0 };
  const payload = (values: object[]): EachBatchPayload => ({
    batch: {
      topic: 'feed', partition: 0, lastOffset: () => String(values.length - 1),
      messages: values.map((v, i) => ({ offset: String(i), key: null, value: Buffer.concat([Buffer.from([0]), Buffer.from(JSON.stringify(v))]), timestamp: '0', headers: {}, attributes: 0, size: 0 })),
    },
    resolveOffset: (o: string) => { calls.resolved.push(o); },
    heartbeat: async () => undefined,
    commitOffsetsIfNecessary: async () => undefined,
    isRunning: () => true,
    isStale: () => false,
    pause: () => { calls.paused++; return () => { calls.resumed++; }; },
  }) as unknown as EachBatchPayload;
  const runAs = (topic: string, values: object[]) => (server as unknown as { processBatch(t: string, p: EachBatchPayload): Promise<void> }).processBatch(topic, payload(values));
  const run = (values: object[]) => runAs('feed', values);
  return { server, published, metrics, calls, run, runAs, probes };
}

const pgError = (code: string) => Object.assign(new DatabaseError('db says no', 10, 'error'), { code });

describe('KafkaBatchServer error policy', () => {
  it('a permission error (42501) pauses the partition: nothing resolved, nothing dead-lettered, no probe needed', async () => {
    const t = setup(async () => { throw pgError('42501'); });
    await t.run([{ id: 'a' }, { id: 'b' }]);
    expect(t.calls).toMatchObject({ paused: 1, resolved: [] });
    expect(t.published).toEqual([]);
    expect(t.probes).toEqual([]);
    expect(await t.metrics.text()).toContain('hub_consumer_infrastructure_errors_total{topic="feed",code="pg-42501"} 1');
    await t.server.close();
  });

  it('an error of no known type while the dependencies are down pauses (e.g. "Connection terminated unexpectedly")', async () => {
    const t = setup(async () => { throw new Error('Connection terminated unexpectedly'); }, false);
    await t.run([{ id: 'a' }]);
    expect(t.calls).toMatchObject({ paused: 1, resolved: [] });
    expect(t.published).toEqual([]);
    await t.server.close();
  });

  it('the same error while the dependencies answer is about the record: retried 3 times alone, then dead-lettered; the others are stored', async () => {
    const tries = new Map<string, number>();
    const t = setup(async (batch) => {
      for (const r of batch.records) {
        const id = (r.value as { id: string }).id;
        tries.set(id, (tries.get(id) ?? 0) + 1);
        if (id === 'bad') throw new Error('Connection terminated unexpectedly');
      }
      return { rejected: [] };
    });
    await t.run([{ id: 'a' }, { id: 'bad' }, { id: 'c' }]);
    expect(t.calls).toMatchObject({ paused: 0, resolved: ['2'] });
    expect(t.published.map((l) => [l.offset, l.code])).toEqual([['1', 'HANDLER_REJECTED']]);
    expect(tries.get('bad')).toBe(4); // once in the batch, three times alone
    expect(tries.get('a')).toBe(2);
    const text = await t.metrics.text();
    expect(text).toContain('hub_dead_letters_total{topic="feed",code="HANDLER_REJECTED"} 1');
    expect(text).toContain('hub_records_stored_total{topic="feed"} 2');
  });

  it('a record that fails once and then succeeds is stored, not dead-lettered', async () => {
    let failures = 0;
    const t = setup(async (batch) => {
      if (batch.records.length === 1 && failures++ === 0) throw new Error('flaky');
      if (batch.records.length > 1) throw new Error('flaky batch');
      return { rejected: [] };
    });
    await t.run([{ id: 'a' }]);
    expect(t.published).toEqual([]);
    expect(t.calls.resolved).toEqual(['0']);
  });

  it('a data error (22P02) dead-letters without asking the dependencies', async () => {
    const t = setup(async () => { throw pgError('22P02'); });
    await t.run([{ id: 'a' }]);
    expect(t.published.map((l) => l.code)).toEqual(['HANDLER_REJECTED']);
    expect(t.probes).toEqual([]);
  });

  it('resumes a paused partition after a backoff that doubles with each failure, and clears it after a success', async () => {
    jest.useFakeTimers();
    try {
      let fail = true;
      const t = setup(async () => { if (fail) throw pgError('08006'); return { rejected: [] }; });
      await t.run([{ id: 'a' }]);
      jest.advanceTimersByTime(999);
      expect(t.calls.resumed).toBe(0);
      jest.advanceTimersByTime(1);
      expect(t.calls.resumed).toBe(1);
      await t.run([{ id: 'a' }]);
      jest.advanceTimersByTime(1999);
      expect(t.calls.resumed).toBe(1);
      jest.advanceTimersByTime(1);
      expect(t.calls.resumed).toBe(2);
      fail = false;
      await t.run([{ id: 'a' }]);
      expect(t.calls.resolved).toEqual(['0']);
      expect(await t.metrics.text()).toContain('hub_consumer_paused_partitions{topic="feed",partition="0"} 0');
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('KafkaBatchServer: several modules on one topic', () => {
  it('gives every handler of the topic the batch, and dead-letters a record they both refuse once', async () => {
    const seen: string[] = [];
    const t = setup(async (batch) => {
      seen.push(`first:${batch.records.length}`);
      return { rejected: batch.records.filter((r) => (r.value as { id: string }).id === 'bad').map((record) => ({ record, code: 'FIRST', reason: 'first says no' })) };
    });
    t.server.addHandler('feed', async (batch: FeedBatch) => {
      seen.push(`second:${batch.records.length}`);
      return { rejected: batch.records.filter((r) => (r.value as { id: string }).id !== 'ok').map((record) => ({ record, code: 'SECOND', reason: 'second says no' })) };
    }, true);
    await t.run([{ id: 'ok' }, { id: 'bad' }, { id: 'odd' }]);
    expect(seen).toEqual(['first:3', 'second:3']);
    expect(t.published.map((l) => [l.offset, l.code])).toEqual([['1', 'FIRST'], ['2', 'SECOND']]);
    expect(t.calls.resolved).toContain('2');
    await t.server.close();
  });
});

describe('KafkaBatchServer: handlers side by side, and feed batches during a back-off', () => {
  it('starts every handler of the topic before any has finished (the register does not wait for the other projections)', async () => {
    const started: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const t = setup(async () => { started.push('first'); await gate; return { rejected: [] }; });
    t.server.addHandler('feed', async () => { started.push('second'); await gate; return { rejected: [] }; }, true);
    const done = t.run([{ id: 'a' }]);
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(['first', 'second']);
    release();
    await done;
    expect(t.calls.resolved).toEqual(['0']);
  });

  it('calls each handler once when they are wrapped the way Nest wraps @EventPattern methods (a wrapper calls its own `next`)', async () => {
    const calls: string[] = [];
    // Nest's ListenersController: the wrapper runs the method, then `next` if the server chained one.
    const nestWrapped = (name: string): MessageHandler => {
      const wrapper = (async () => {
        calls.push(name);
        if (wrapper.next) await wrapper.next({});
        return { rejected: [] };
      }) as MessageHandler;
      return wrapper;
    };
    const t = setup(async () => { calls.push('first'); return { rejected: [] }; });
    t.server.addHandler('feed', nestWrapped('second'), true);
    t.server.addHandler('feed', nestWrapped('third'), true);
    await t.run([{ id: 'a' }]);
    expect(calls.sort()).toEqual(['first', 'second', 'third']);
  });

  it('retries every handler when one fails, once all have settled', async () => {
    const calls: string[] = [];
    let failures = 1;
    const t = setup(async () => { calls.push('first'); return { rejected: [] }; });
    t.server.addHandler('feed', async () => {
      calls.push('second');
      if (failures-- > 0) throw new Error('second failed once');
      return { rejected: [] };
    }, true);
    await t.run([{ id: 'a' }]);
    // The batch, then the record on its own: both handlers each time.
    expect(calls).toEqual(['first', 'second', 'first', 'second']);
    expect(t.published).toEqual([]);
    expect(t.calls.resolved).toEqual(['0']);
  });

  it('leaves a feed batch fetched before a back-off untouched: not handled, not resolved (fetched again after the resume)', async () => {
    const handled: string[] = [];
    const { server, runAs, calls } = setup(async () => undefined);
    server.addHandler(Topics.justiceLegalEntities.name, async () => { handled.push('feed'); return { rejected: [] }; }, true);
    (server as unknown as { backoff: { paused: boolean } }).backoff = { ...server.backoffState(), paused: true };
    await runAs(Topics.justiceLegalEntities.name, [{ a: 1 }]);
    expect(handled).toEqual([]);
    expect(calls.resolved).toEqual([]);
    (server as unknown as { backoff: { paused: boolean } }).backoff = { ...server.backoffState(), paused: false };
    await runAs(Topics.justiceLegalEntities.name, [{ a: 1 }]);
    expect(handled).toEqual(['feed']);
    expect(calls.resolved).toEqual(['0']);
  });
});

describe('KafkaBatchServer: derived topics held with the feeds', () => {
  it('leaves a preliminary-index batch during a back-off as it leaves a feed batch, and still takes in the watched lane', async () => {
    const handled: string[] = [];
    const { server, runAs, calls } = setup(async () => undefined);
    server.addHandler(Topics.preliminaryIndexes.name, async () => { handled.push('indexes'); return { rejected: [] }; }, true);
    server.addHandler(Topics.publicFacts.name, async () => { handled.push('facts'); return { rejected: [] }; }, true);
    (server as unknown as { backoff: { paused: boolean } }).backoff = { ...server.backoffState(), paused: true };
    await runAs(Topics.preliminaryIndexes.name, [{ a: 1 }]);
    await runAs(Topics.publicFacts.name, [{ a: 1 }]);
    expect(handled).toEqual(['facts']);
    expect(calls.resolved).toEqual(['0']);
    (server as unknown as { backoff: { paused: boolean } }).backoff = { ...server.backoffState(), paused: false };
    await runAs(Topics.preliminaryIndexes.name, [{ a: 1 }]);
    expect(handled).toEqual(['facts', 'indexes']);
  });
});

describe('KafkaBatchServer: when feeds last flowed (the recompute outboxes\' quiet window)', () => {
  it('counts a state body\'s feed batch, not a batch of a derived topic the recompute itself produces', async () => {
    const { server, runAs } = setup(async () => undefined);
    server.addHandler(Topics.justiceLegalEntities.name, async () => undefined, true);
    server.addHandler(Topics.publicFacts.name, async () => undefined, true);
    server.addHandler(Topics.preliminaryIndexes.name, async () => undefined, true);
    await runAs(Topics.publicFacts.name, [{ a: 1 }]);
    await runAs(Topics.preliminaryIndexes.name, [{ a: 1 }]);
    expect(server.lastBatchAt).toBe(0);
    const before = Date.now();
    await runAs(Topics.justiceLegalEntities.name, [{ a: 1 }]);
    expect(server.lastBatchAt).toBeGreaterThanOrEqual(before);
  });
});

describe('KafkaBatchServer: a feed batch taken in slices (heldSliceRecords)', () => {
  const ids = (batch: FeedBatch) => batch.records.map((r) => (r.value as { id: string }).id).join(',');
  const values = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
  const backoff = (server: KafkaBatchServer, paused: boolean) => {
    (server as unknown as { backoff: { paused: boolean } }).backoff = { ...server.backoffState(), paused };
  };

  it('stores, resolves and commits each slice before the next: a slice\'s facts leave before the rest is stored', async () => {
    const handled: string[] = [];
    const { server, runAs, calls } = setup(async () => undefined, true, { heldSliceRecords: 2 });
    server.addHandler(Topics.justiceLegalEntities.name, async (batch: FeedBatch) => { handled.push(`${ids(batch)}|resolved:${calls.resolved.join(' ')}`); return { rejected: [] }; }, true);
    await runAs(Topics.justiceLegalEntities.name, values);
    expect(handled).toEqual(['a,b|resolved:', 'c,d|resolved:1', 'e|resolved:1 3']);
    expect(calls.resolved).toEqual(['1', '3', '4']);
  });

  it('stops between two slices when a back-off begins: the rest is neither handled nor resolved (fetched again after the resume)', async () => {
    const handled: string[] = [];
    const { server, runAs, calls } = setup(async () => undefined, true, { heldSliceRecords: 2 });
    server.addHandler(Topics.justiceLegalEntities.name, async (batch: FeedBatch) => { handled.push(ids(batch)); backoff(server, true); return { rejected: [] }; }, true);
    await runAs(Topics.justiceLegalEntities.name, values);
    expect(handled).toEqual(['a,b']);
    expect(calls.resolved).toEqual(['1']);
  });

  it('an infrastructure failure in a later slice pauses the partition past the slices already stored', async () => {
    const { server, runAs, calls } = setup(async () => undefined, true, { heldSliceRecords: 2 });
    server.addHandler(Topics.justiceLegalEntities.name, async (batch: FeedBatch) => {
      if (ids(batch).startsWith('c')) throw pgError('42501');
      return { rejected: [] };
    }, true);
    await runAs(Topics.justiceLegalEntities.name, values);
    expect(calls).toMatchObject({ resolved: ['1'], paused: 1 });
    await server.close();
  });

  it('takes a batch whole without a slice size', async () => {
    const handled: string[] = [];
    const { server, runAs, calls } = setup(async () => undefined);
    server.addHandler(Topics.justiceLegalEntities.name, async (batch: FeedBatch) => { handled.push(ids(batch)); return { rejected: [] }; }, true);
    await runAs(Topics.justiceLegalEntities.name, values);
    expect(handled).toEqual(['a,b,c,d,e']);
    expect(calls.resolved).toEqual(['4']);
  });
});

describe('KafkaBatchServer admin connection', () => {
  /** A Kafka stand-in whose admin connections take a moment to open, and count what is left open. */
  function kafkaCountingAdmins() {
    const admins = { opened: 0, closed: 0 };
    const kafka = {
      admin: () => {
        admins.opened++;
        return { connect: () => new Promise<void>((r) => setTimeout(r, 20)), disconnect: async () => { admins.closed++; } };
      },
    } as unknown as Kafka;
    const server = new KafkaBatchServer(kafka, {} as AvroRegistry, {} as DeadLetterPublisher, createLogger('silent'), { groupId: 'g', topicPrefix: '', metrics: new HubMetrics({ defaultMetrics: false }) });
    const lagAdmin = () => (server as unknown as { lagAdmin(): Promise<unknown> }).lagAdmin();
    return { server, admins, lagAdmin };
  }

  it('opens one connection for callers that ask together, and close() ends it', async () => {
    const t = kafkaCountingAdmins();
    const [a, b] = await Promise.all([t.lagAdmin(), t.lagAdmin()]);
    expect(a).toBe(b);
    await t.server.close();
    expect(t.admins).toEqual({ opened: 1, closed: 1 });
  });

  it('ends a connection close() overtook while it opened, and opens none after', async () => {
    const t = kafkaCountingAdmins();
    const opening = t.lagAdmin();
    await t.server.close();
    await opening;
    await expect(t.lagAdmin()).rejects.toThrow('closed');
    expect(t.admins).toEqual({ opened: 1, closed: 1 });
  });
});
