import type { Producer, ProducerRecord } from 'kafkajs';
import { AvroPublisher } from './avro-publisher';
import type { AvroRegistry } from './avro-registry';
import { PRODUCE_SLICE_BYTES } from './byte-slices';
import { DeadLetterPublisher } from './dead-letter.publisher';
import type { TopicSpec } from './topic-catalog';

/** A producer that records what each send carried. */
function recordingProducer(): { producer: Producer; sends: ProducerRecord[] } {
  const sends: ProducerRecord[] = [];
  return { sends, producer: { send: async (r: ProducerRecord) => { sends.push(r); return []; } } as unknown as Producer };
}
const bytesOf = (r: ProducerRecord) => r.messages.reduce((n, m) => n + (m.value ? Buffer.byteLength(m.value as Buffer) : 0), 0);
const big = (i: number) => `${String(i).padStart(6, '0')}${'x'.repeat(100 * 1024)}`;

describe('publishers keep each produce request under the broker\'s message size limit', () => {
  it('AvroPublisher sends 3 MB of records in ordered slices, each record once', async () => {
    const { producer, sends } = recordingProducer();
    const registry = { latestId: async () => 1, encode: async (_id: number, v: unknown) => Buffer.from(String(v)) } as unknown as AvroRegistry;
    const records = Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: big(i) }));
    await new AvroPublisher(producer, registry, '').publish({ name: 't' } as TopicSpec, records);
    expect(sends.length).toBeGreaterThan(5);
    for (const s of sends) expect(bytesOf(s)).toBeLessThanOrEqual(PRODUCE_SLICE_BYTES);
    expect(sends.flatMap((s) => s.messages.map((m) => m.key))).toEqual(records.map((r) => r.key));
    expect(sends.every((s) => s.acks === -1)).toBe(true);
  });

  it('two calls at once go out in call order, each call\'s slices together', async () => {
    const sends: ProducerRecord[] = [];
    // A broker that answers the first request last: without ordering, the second call's slices overtook the first's.
    let delay = 30;
    const producer = { send: async (r: ProducerRecord) => { sends.push(r); await new Promise((res) => setTimeout(res, (delay = Math.max(0, delay - 10)))); return []; } } as unknown as Producer;
    const registry = { latestId: async () => 1, encode: async (_id: number, v: unknown) => Buffer.from(String(v)) } as unknown as AvroRegistry;
    const publisher = new AvroPublisher(producer, registry, '');
    const call = (tag: string) => Array.from({ length: 12 }, (_, i) => ({ key: `${tag}${i}`, value: big(i) }));
    await Promise.all([publisher.publish({ name: 't' } as TopicSpec, call('a')), publisher.publish({ name: 't' } as TopicSpec, call('b'))]);
    expect(sends.flatMap((s) => s.messages.map((m) => m.key))).toEqual([...call('a'), ...call('b')].map((r) => r.key));
  });

  it('a small publish is still one request', async () => {
    const { producer, sends } = recordingProducer();
    const registry = { latestId: async () => 1, encode: async (_id: number, v: unknown) => Buffer.from(String(v)) } as unknown as AvroRegistry;
    await new AvroPublisher(producer, registry, '').publish({ name: 't' } as TopicSpec, [{ key: 'a', value: 'x' }, { key: 'b', value: 'y' }]);
    expect(sends).toHaveLength(1);
  });

  it('DeadLetterPublisher slices per topic, keeping the source order', async () => {
    const { producer, sends } = recordingProducer();
    const letters = Array.from({ length: 20 }, (_, i) => ({
      sourceTopic: i % 2 ? 'feed.a.v1' : 'feed.b.v1', partition: 0, offset: String(i), key: `k${i}`, value: Buffer.from(big(i)), code: 'MALFORMED', reason: 'bad',
    }));
    await new DeadLetterPublisher(producer).publish(letters);
    for (const s of sends) expect(bytesOf(s)).toBeLessThanOrEqual(PRODUCE_SLICE_BYTES);
    for (const topic of new Set(sends.map((s) => s.topic))) {
      const offsets = sends.filter((s) => s.topic === topic).flatMap((s) => s.messages.map((m) => m.headers?.['dlq.source.offset']));
      expect(offsets).toEqual([...offsets].sort((a, b) => Number(a) - Number(b)));
      expect(offsets).toHaveLength(10);
    }
  });
});
