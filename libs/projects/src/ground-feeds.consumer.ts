import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { AvroRegistry, DecodeError, HUB_CONFIG, HubConfig, LOGGER, Logger, Topics, physicalName } from '@hub/platform';
import { GROUND_RULES, GroundEvidence } from './core/grounds';
import { ProjectLifecycle } from './project-lifecycle.usecase';

/** The feeds that can show an NDIP §33.3 / §33.5 ground for a project company. */
export const GROUND_FEED_TOPICS = [Topics.taxLists, Topics.taxFacts, Topics.justiceLegalEntities, Topics.courtCivilCases] as const;

/**
 * NDIP §33 grounds from the hub's own feeds, by BIN, without waiting for a person. A consumer group
 * of its own (`<KAFKA_GROUP_ID>.projects-grounds`): the platform's KafkaBatchServer keeps one handler
 * per topic in the hub's group (a second @EventPattern on a feed topic would be chained as `next`
 * and never called), and the source modules already own those handlers. Reading the topics — not the
 * source modules' tables — keeps the domains apart, and the group's own offsets let it start from
 * the beginning so facts that came before a project existed are kept (projects.ground_evidence).
 * Records that cannot be decoded are skipped here: their source module dead-letters them.
 */
@Injectable()
export class GroundFeedsConsumer implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private consumer?: Consumer;
  private stopping?: Promise<void>;

  constructor(
    @Inject(Kafka) private readonly kafka: Kafka,
    @Inject(AvroRegistry) private readonly registry: AvroRegistry,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(LOGGER) private readonly log: Logger,
    private readonly lifecycle: ProjectLifecycle,
  ) {}

  get groupId(): string {
    return `${this.config.KAFKA_GROUP_ID}.projects-grounds`;
  }

  async onApplicationBootstrap(): Promise<void> {
    const physical = new Map<string, string>(GROUND_FEED_TOPICS.map((t) => [physicalName(this.config.TOPIC_PREFIX, t.name), t.name]));
    this.consumer = this.kafka.consumer({ groupId: this.groupId, maxBytesPerPartition: 1024 * 1024, maxBytes: 5 * 1024 * 1024, retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 30000 } });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...physical.keys()], fromBeginning: true });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      autoCommitThreshold: 1,
      partitionsConsumedConcurrently: 2,
      eachBatch: (payload) => this.processBatch(physical.get(payload.batch.topic) ?? payload.batch.topic, payload),
    });
    this.log.info({ topics: [...physical.keys()], groupId: this.groupId }, 'projects ground-feed consumer running');
  }

  /**
   * Leaving the group starts as soon as shutdown begins, beside the hub's feed consumer rather than
   * before it (Nest runs the modules' hooks one after another), and is awaited before the pools close:
   * both consumers' in-flight batches finish and commit within the shutdown deadline.
   */
  onModuleDestroy(): void {
    this.stopping = this.consumer?.disconnect();
    this.consumer = undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stopping;
  }

  private async processBatch(logicalTopic: string, { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    const rule = GROUND_RULES[logicalTopic];
    const rows: GroundEvidence[] = [];
    for (const m of batch.messages) {
      let value: unknown;
      try {
        value = await this.registry.decode(m.value);
      } catch (error) {
        if (error instanceof DecodeError) continue;
        throw error;
      }
      rows.push(...rule(value as never, { topic: batch.topic, logicalTopic, partition: batch.partition, offset: m.offset }));
    }
    // One row per evidence id per batch (a fact repeated within the batch).
    const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
    const events = await this.lifecycle.observeGrounds(unique, new Date());
    if (events.length > 0) this.log.info({ topic: logicalTopic, grounds: events.length }, 'NDIP §33 grounds raised from feeds');
    resolveOffset(batch.lastOffset());
    await commitOffsetsIfNecessary();
    await heartbeat();
  }
}
