import { Producer } from 'kafkajs';
import { AvroRegistry } from './avro-registry';
import { TopicSpec, physicalName, valueSubject } from './topic-catalog';

export interface OutgoingRecord {
  key: string;
  value: unknown;
  headers?: Record<string, string>;
}

/** Encodes with the subject's latest schema and sends one produce request per call: batch, don't loop. */
export class AvroPublisher {
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
    await this.producer.send({ topic, acks: -1, messages });
  }
}
