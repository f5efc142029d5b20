import { Message, Producer, TopicMessages } from 'kafkajs';
import { AvroRegistry } from './avro-registry';
import { PRODUCE_SLICE_BYTES, byteSlices, recordBytes } from './byte-slices';
import { TopicSpec, physicalName, valueSubject } from './topic-catalog';

export interface OutgoingRecord {
  key: string;
  value: unknown;
  headers?: Record<string, string>;
}

interface Pending { topic: string; messages: Message[]; bytes: number; resolve: () => void; reject: (error: unknown) => void }

/**
 * What calls may add up to in one shared request: well under the broker's max.message.bytes
 * (1 MB by default; two 2,000-record calls together were refused as MESSAGE_TOO_LARGE). A larger
 * call goes alone, in PRODUCE_SLICE_BYTES slices.
 */
const SHARED_REQUEST_BYTES = 256 * 1024;

/**
 * Encodes with the subject's latest schema and sends: batch, don't loop.
 *
 * Calls made while a send is in flight share the next produce request (group produce). The hub's
 * producer is idempotent, and kafkajs holds one lock per broker for an idempotent producer's whole
 * produce round trip: one call per request meant one request at a time, so at 100 KYC answers/s
 * each answer queued behind the acks of every earlier one. Every caller still resolves only once
 * its own records are acknowledged by all in-sync replicas (acks -1), and records keep the order
 * of the calls — one queue, one request at a time, a large call's slices back to back (slices of
 * two calls sent at once interleaved on a partition, and a feed's offsets differed from run to
 * run). A call over the broker's limit is sent in slices: in one request it would be refused on
 * every retry and never land. Should a shared request fail, each call is retried on its own so one
 * bad record fails only its own caller.
 */
export class AvroPublisher {
  private queue: Pending[] = [];
  private sending = false;

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
    const bytes = messages.reduce((n, m) => n + recordBytes(m), 0);
    await new Promise<void>((resolve, reject) => {
      this.queue.push({ topic, messages, bytes, resolve, reject });
      if (!this.sending) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.sending = true;
    try {
      while (this.queue.length > 0) {
        let take = 1;
        for (let bytes = this.queue[0].bytes; take < this.queue.length && bytes + this.queue[take].bytes <= SHARED_REQUEST_BYTES; take++) bytes += this.queue[take].bytes;
        const batch = this.queue.splice(0, take);
        try {
          await this.send(batch);
          for (const p of batch) p.resolve();
        } catch (error) {
          if (batch.length === 1) batch[0].reject(error);
          else for (const p of batch) await this.send([p]).then(p.resolve, p.reject);
        }
      }
    } finally {
      this.sending = false;
    }
  }

  private async send(batch: readonly Pending[]): Promise<void> {
    if (batch.length === 1) {
      const { topic, messages } = batch[0];
      for (const [from, to] of byteSlices(messages.map(recordBytes), PRODUCE_SLICE_BYTES)) {
        await this.producer.send({ topic, acks: -1, messages: messages.slice(from, to) });
      }
      return;
    }
    // one entry per topic, the calls' records in call order
    const byTopic = new Map<string, TopicMessages>();
    for (const p of batch) {
      const entry = byTopic.get(p.topic) ?? { topic: p.topic, messages: [] };
      entry.messages.push(...p.messages);
      byTopic.set(p.topic, entry);
    }
    await this.producer.sendBatch({ acks: -1, topicMessages: [...byTopic.values()] });
  }
}
