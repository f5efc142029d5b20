import type { Producer, ProducerBatch, ProducerRecord } from 'kafkajs';
import type { AvroRegistry } from './avro-registry';
import { AvroPublisher } from './avro-publisher';
import { Topics } from './topic-catalog';

const registry = { latestId: async () => 1, encode: async (_id: number, v: unknown) => Buffer.from(JSON.stringify(v)) } as unknown as AvroRegistry;

/** A producer whose requests the test acknowledges by hand, one at a time, as kafkajs's idempotent producer does per broker. */
function manualProducer(fail: (keys: string[]) => boolean = () => false) {
  const requests: Array<{ keys: string[]; ack: () => void }> = [];
  const send = (keys: string[]) => new Promise<void>((resolve, reject) => {
    requests.push({ keys, ack: () => (fail(keys) ? reject(new Error('MESSAGE_TOO_LARGE')) : resolve()) });
  });
  const producer = {
    send: async (r: ProducerRecord) => { await send(r.messages.map((m) => String(m.key))); },
    sendBatch: async (b: ProducerBatch) => { await send((b.topicMessages ?? []).flatMap((t) => t.messages.map((m) => String(m.key)))); },
  } as unknown as Producer;
  return { producer, requests };
}

const tick = () => new Promise((r) => setImmediate(r));
const until = async (cond: () => boolean) => { for (let i = 0; i < 50 && !cond(); i++) await tick(); };

describe('AvroPublisher group produce', () => {
  it('calls made while a request is in flight share the next one, and each resolves only once its own records are acknowledged', async () => {
    const { producer, requests } = manualProducer();
    const publisher = new AvroPublisher(producer, registry, 'p.');
    const done: string[] = [];
    const first = publisher.publish(Topics.kycResults, [{ key: 'a', value: 1 }]).then(() => done.push('a'));
    await until(() => requests.length === 1);
    const rest = ['b', 'c', 'd'].map((k) => publisher.publish(Topics.kycResults, [{ key: k, value: 1 }]).then(() => done.push(k)));
    await tick();
    expect(requests.map((r) => r.keys)).toEqual([['a']]);
    requests[0].ack();
    await first;
    await until(() => requests.length === 2);
    expect(requests[1].keys).toEqual(['b', 'c', 'd']);
    expect(done).toEqual(['a']);
    requests[1].ack();
    await Promise.all(rest);
    expect(done).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a shared request that fails is retried call by call, so one bad record fails only its own caller', async () => {
    const { producer, requests } = manualProducer((keys) => keys.includes('bad'));
    const publisher = new AvroPublisher(producer, registry, 'p.');
    const first = publisher.publish(Topics.kycResults, [{ key: 'a', value: 1 }]);
    await until(() => requests.length === 1);
    const good = publisher.publish(Topics.kycResults, [{ key: 'b', value: 1 }]);
    const bad = publisher.publish(Topics.kycResults, [{ key: 'bad', value: 1 }]);
    await tick();
    requests[0].ack();
    await first;
    await until(() => requests.length === 2);
    requests[1].ack(); // b + bad together: rejected
    await until(() => requests.length === 3);
    requests[2].ack(); // b alone
    await expect(good).resolves.toBeUndefined();
    await until(() => requests.length === 4);
    requests[3].ack(); // bad alone
    await expect(bad).rejects.toThrow('MESSAGE_TOO_LARGE');
  });

  it('a shared request stays under the size the broker takes: calls that would pass it go in the next request', async () => {
    const { producer, requests } = manualProducer();
    const publisher = new AvroPublisher(producer, registry, 'p.');
    const big = 'x'.repeat(150 * 1024);
    const first = publisher.publish(Topics.kycResults, [{ key: 'a', value: 1 }]);
    await until(() => requests.length === 1);
    const rest = ['b', 'c', 'd'].map((k) => publisher.publish(Topics.kycResults, [{ key: k, value: big }]));
    await tick();
    requests[0].ack();
    await first;
    await until(() => requests.length === 2);
    expect(requests[1].keys).toEqual(['b']);
    requests[1].ack();
    await until(() => requests.length === 3);
    expect(requests[2].keys).toEqual(['c']);
    requests[2].ack();
    await until(() => requests.length === 4);
    requests[3].ack();
    await Promise.all(rest);
    expect(requests.map((r) => r.keys)).toEqual([['a'], ['b'], ['c'], ['d']]);
  });
});
