import { Kafka, Partitioners, Producer } from 'kafkajs';
import { HubConfig } from '../config/hub-config';
import { Logger } from '../observability/logger';
import { AvroPublisher } from './avro-publisher';
import { AvroRegistry } from './avro-registry';
import { createKafka } from './kafka-client';

export interface MessagingClients {
  kafka: Kafka;
  producer: Producer;
  registry: AvroRegistry;
  publisher: AvroPublisher;
  close(): Promise<void>;
}

/** The same clients the hub uses, for command-line tools and benchmarks that run outside Nest. */
export async function connectMessaging(config: HubConfig, logger: Logger, clientSuffix = '-tool'): Promise<MessagingClients> {
  const kafka = createKafka(config, logger, clientSuffix);
  const producer = kafka.producer({ idempotent: true, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const registry = new AvroRegistry(config.SCHEMA_REGISTRY_URL, { username: config.SCHEMA_REGISTRY_USERNAME, password: config.SCHEMA_REGISTRY_PASSWORD });
  return {
    kafka, producer, registry,
    publisher: new AvroPublisher(producer, registry, config.TOPIC_PREFIX),
    close: () => producer.disconnect(),
  };
}
