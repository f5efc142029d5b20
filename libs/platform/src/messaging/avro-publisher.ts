import { Message, Producer, TopicMessages } from 'kafkajs';
import { AvroRegistry } from './avro-registry';
import { TopicSpec, physicalName, valueSubject } from './topic-catalog';

export interface OutgoingRecord {
  key: string;
  value: unknown;
  headers?: Record<string, string>;
}

interface Pending { topic: string; messages: Message[]; bytes: number; resolve: () => void; reject: (error: unknown) => void }

/**
 * What calls may add up to in one shared request. The broker refuses a record batch over its
 * max.message.bytes (1 MB by default), and callers size their own calls below it (2,000-record
 * chunks): two such calls together were refused (MESSAGE_TOO_LARGE), so a call this large goes alone.
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
 * of the calls; a shared request stays under SHARED_REQUEST_BYTES (a larger call goes alone, as
 * before); should a shared request fail, each call is retried on its own so one bad record fails
 * only its own caller.
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
    const bytes = messages.reduce((n, m) => n + m.value.length + Buffer.byteLength(m.key), 0);
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
      await this.producer.send({ topic: batch[0].topic, acks: -1, messages: batch[0].messages });
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
