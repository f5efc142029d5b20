import type { INestApplication } from '@nestjs/common';
import { Kafka, Producer } from 'kafkajs';
import { AvroRegistry, HubConfig, KAFKA_PRODUCER, TopicSpec, physicalName, valueSubject } from '@hub/platform';
import { testConfig } from './index';

/**
 * One feed's end-to-end test bench: a hub started before the file's tests (and closed after them)
 * and the state body's side of the feed — its topic, the subject's latest schema id, and a raw
 * producer, so a test can send exactly the bytes it means, bad ones included.
 */
export class FeedHub<R> {
  config!: HubConfig;
  app!: INestApplication;
  producer!: Producer;
  registry!: AvroRegistry;
  kafka!: Kafka;
  topic!: string;
  schemaId!: number;

  /** Registers the file's beforeAll/afterAll; `start` is the hub's start (test support imports no app). */
  constructor(spec: TopicSpec, start: (config: HubConfig) => Promise<INestApplication>) {
    beforeAll(async () => {
      this.config = testConfig();
      this.app = await start(this.config);
      this.producer = this.app.get(KAFKA_PRODUCER);
      this.registry = this.app.get(AvroRegistry);
      this.kafka = this.app.get(Kafka);
      this.topic = physicalName(this.config.TOPIC_PREFIX, spec.name);
      this.schemaId = await this.registry.latestId(valueSubject(this.topic));
    });
    afterAll(async () => {
      await this.app?.close();
    });
  }

  /** Avro in Confluent wire format with the subject's latest schema. */
  encode = (record: R): Promise<Buffer> => this.registry.encode(this.schemaId, record);

  send = async (messages: Array<{ key: string; value: Buffer }>): Promise<void> => {
    await this.producer.send({ topic: this.topic, acks: -1, messages });
  };
}
