import { Producer } from 'kafkajs';
import { AvroRegistry } from './avro-registry';
import { PRODUCE_SLICE_BYTES, byteSlices } from './byte-slices';
import { TopicSpec, physicalName, valueSubject } from './topic-catalog';

export interface OutgoingRecord {
  key: string;
  value: unknown;
  headers?: Record<string, string>;
}

/** Bytes a record takes in a produce request, near enough to keep a slice under the broker's limit. */
export const recordBytes = (m: { key?: string | Buffer | null; value: Buffer | string | null; headers?: Record<string, unknown> }): number => {
  let n = 64 + (m.key ? Buffer.byteLength(m.key) : 0) + (m.value ? Buffer.byteLength(m.value) : 0);
  for (const [k, v] of Object.entries(m.headers ?? {})) n += Buffer.byteLength(k) + (typeof v === 'string' || Buffer.isBuffer(v) ? Buffer.byteLength(v) : 0);
  return n;
};

/**
 * Encodes with the subject's latest schema and sends one produce request per call (batch, don't
 * loop) — or, when the records pass PRODUCE_SLICE_BYTES, one per slice, in order, each awaited: a
 * single request over the broker's limit would be refused on every retry and never land. Calls are
 * sent one after another in call order (the idempotent producer holds one request per broker at a
 * time anyway).
 */
export class AvroPublisher {
  /** The last call's sends: the next call's start after them. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly producer: Producer, private readonly registry: AvroRegistry, private readonly prefix: string) {}

  topicOf(spec: TopicSpec): string {
    return physicalName(this.prefix, spec.name);
  }

  async publish(spec: TopicSpec, records: readonly OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    const topic = this.topicOf(spec);
    const schemaId = await this.registry.latestId(valueSubject(topic));
    const messages = await Promise.all(
      records.map(async (r) => ({ key: r.key, value: await this.registry.encode(schemaId, r.value), headers: r.headers })),
    );
    const slices = byteSlices(messages.map(recordBytes), PRODUCE_SLICE_BYTES);
    // Calls go out in the order they were made, each call's slices together: slices of two calls
    // sent at once interleaved on a partition, so a key's records could land out of call order
    // (and a feed's offsets differed from run to run).
    const sent = this.tail.then(async () => {
      for (const [from, to] of slices) await this.producer.send({ topic, acks: -1, messages: messages.slice(from, to) });
    });
    this.tail = sent.catch(() => undefined);
    await sent;
  }
}
