import { BeforeApplicationShutdown, DynamicModule, Global, Inject, Module, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { Admin, Kafka, Partitioners, Producer } from 'kafkajs';
import { HUB_CONFIG } from './config/tokens';
import { HubConfig, freshnessPolicy, loadConfig } from './config/hub-config';
import { DatabasePools, ownerUrl } from './database/database-pools';
import { MIGRATION_SETS, MigrationSet } from './database/migrations';
import { AvroPublisher } from './messaging/avro-publisher';
import { AvroRegistry } from './messaging/avro-registry';
import { DeadLetterPublisher } from './messaging/dead-letter.publisher';
import { KafkaBatchServer } from './messaging/kafka-batch.server';
import { createKafka } from './messaging/kafka-client';
import { TopicAdmin } from './messaging/topic-admin';
import { TopicSpec } from './messaging/topic-catalog';
import { HealthController, HealthService, dependenciesAnswer } from './observability/health';
import { HttpMetricsInterceptor, MetricsController } from './observability/http-metrics';
import { HubMetrics } from './observability/metrics';
import { LOGGER, Logger, createLogger } from './observability/logger';
import { Provisioner } from './provisioning';

export const HOSTED_TOPICS = Symbol('HOSTED_TOPICS');
export const KAFKA_ADMIN = Symbol('KAFKA_ADMIN');
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');

export interface PlatformOptions {
  /** Defaults to process.env, validated once. */
  config?: HubConfig;
  /** Topics this deployable provisions and consumes. */
  topics: readonly TopicSpec[];
  /** Schemas this deployable migrates. */
  migrations: readonly MigrationSet[];
}

/**
 * Every external system behind one class each: Database (PostgreSQL), Kafka producer/admin,
 * AvroRegistry (schema registry). Apps choose which topics and migrations they host.
 */
@Global()
@Module({})
export class PlatformModule implements OnModuleDestroy, BeforeApplicationShutdown, OnApplicationShutdown {
  private closing?: Promise<void>;

  constructor(
    @Inject(KafkaBatchServer) private readonly feedServer: KafkaBatchServer,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    @Inject(DatabasePools) private readonly pools: DatabasePools,
  ) {}

  static forRoot(options: PlatformOptions): DynamicModule {
    const config = options.config ?? loadConfig();
    return {
      module: PlatformModule,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: HUB_CONFIG, useValue: config },
        { provide: HOSTED_TOPICS, useValue: options.topics },
        { provide: MIGRATION_SETS, useValue: options.migrations },
        { provide: LOGGER, useFactory: () => createLogger(config.LOG_LEVEL) },
        { provide: HubMetrics, useFactory: () => new HubMetrics() },
        { provide: APP_INTERCEPTOR, inject: [HubMetrics], useFactory: (m: HubMetrics) => new HttpMetricsInterceptor(m) },
        // No global Database: each module provides its own (moduleDatabase), connecting as its role.
        { provide: DatabasePools, useFactory: () => new DatabasePools(config) },
        { provide: Kafka, inject: [LOGGER], useFactory: (log: Logger) => createKafka(config, log) },
        {
          provide: KAFKA_PRODUCER, inject: [Kafka],
          useFactory: async (kafka: Kafka) => {
            // Idempotent with acks=all: a retried send never duplicates, and a cluster loses nothing on failover.
            const producer = kafka.producer({ idempotent: true, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
            await producer.connect();
            return producer;
          },
        },
        {
          provide: KAFKA_ADMIN, inject: [Kafka],
          useFactory: async (kafka: Kafka) => {
            const admin = kafka.admin();
            await admin.connect();
            return admin;
          },
        },
        {
          provide: AvroRegistry,
          useFactory: () => new AvroRegistry(config.SCHEMA_REGISTRY_URL, { username: config.SCHEMA_REGISTRY_USERNAME, password: config.SCHEMA_REGISTRY_PASSWORD }),
        },
        { provide: DeadLetterPublisher, inject: [KAFKA_PRODUCER], useFactory: (p: Producer) => new DeadLetterPublisher(p) },
        { provide: AvroPublisher, inject: [KAFKA_PRODUCER, AvroRegistry], useFactory: (p: Producer, r: AvroRegistry) => new AvroPublisher(p, r, config.TOPIC_PREFIX) },
        {
          provide: TopicAdmin, inject: [KAFKA_ADMIN],
          useFactory: (a: Admin) => new TopicAdmin(a, {
            prefix: config.TOPIC_PREFIX, replicationFactor: config.KAFKA_REPLICATION_FACTOR, minInsyncReplicas: config.KAFKA_MIN_INSYNC_REPLICAS,
            maxPartitions: config.KAFKA_TOPIC_PARTITIONS_MAX,
          }),
        },
        {
          provide: Provisioner, inject: [TopicAdmin, AvroRegistry, LOGGER],
          useFactory: (t: TopicAdmin, r: AvroRegistry, l: Logger) => new Provisioner(t, r, ownerUrl(config), config.TOPIC_PREFIX, l),
        },
        {
          provide: KafkaBatchServer, inject: [Kafka, AvroRegistry, DeadLetterPublisher, LOGGER, HubMetrics, DatabasePools],
          useFactory: (k: Kafka, r: AvroRegistry, d: DeadLetterPublisher, l: Logger, m: HubMetrics, db: DatabasePools) =>
            new KafkaBatchServer(k, r, d, l, {
              groupId: config.KAFKA_GROUP_ID, topicPrefix: config.TOPIC_PREFIX, partitionsConcurrently: config.KAFKA_PARTITIONS_CONCURRENTLY,
              metrics: m, dependenciesUp: () => dependenciesAnswer(r, db), recordAttempts: config.KAFKA_RECORD_ATTEMPTS,
              liveness: { maxLag: config.CONSUMER_MAX_LAG, stallMs: config.CONSUMER_STALL_MS }, freshness: freshnessPolicy(config), watchLanesOf: config.FRESHNESS_WATCH_LANES_OF, heldSliceRecords: config.KAFKA_FEED_SLICE_RECORDS,
            }),
        },
        {
          provide: HealthService, inject: [KAFKA_ADMIN, AvroRegistry, DatabasePools, KafkaBatchServer],
          useFactory: (a: Admin, r: AvroRegistry, d: DatabasePools, s: KafkaBatchServer) => new HealthService(a, r, d, s),
        },
      ],
      exports: [HUB_CONFIG, HOSTED_TOPICS, MIGRATION_SETS, LOGGER, DatabasePools, Kafka, KAFKA_PRODUCER, KAFKA_ADMIN, AvroRegistry, DeadLetterPublisher, AvroPublisher, TopicAdmin, Provisioner, KafkaBatchServer, HealthService, HubMetrics],
    };
  }

  /**
   * Nest closes microservices only after the shutdown hooks, so the feed consumer is stopped here:
   * the batch in flight finishes (store, dead letters, offset commit) while producer and pool are
   * still open.
   */
  onModuleDestroy(): void {
    // Start leaving the group at once, beside any other consumer a module stops (see beforeApplicationShutdown).
    this.closing = this.feedServer.close();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await (this.closing ?? this.feedServer.close());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
    await this.pools.close().catch(() => undefined);
  }
}
