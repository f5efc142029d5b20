import { Admin, ITopicConfig, KafkaJSProtocolError } from 'kafkajs';
import { DEAD_LETTER_RETENTION_MS, TopicSpec, deadLetterName, physicalName } from './topic-catalog';

/** How long new topics may take to have a leader for every partition before provisioning fails. */
const LEADERS_WITHIN_MS = 30_000;
const LEADERS_POLL_MS = 100;
/**
 * A new topic not yet in the metadata the asked broker serves, or without its leaders yet. kafkajs's
 * own waitForLeaders retries only the second: on KRaft under load the first came back from a
 * topic created a moment before, and a hub's start failed with "This server does not host this
 * topic-partition" (int runs beside a bench, 2026-12-03).
 */
const NOT_READY = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

export interface TopicAdminSettings {
  prefix: string;
  replicationFactor: number;
  minInsyncReplicas: number;
  /** Caps every topic's partitions (KAFKA_TOPIC_PARTITIONS_MAX): test and demo runs on one small broker. */
  maxPartitions?: number;
}

/** Topics are declared, never auto-created: kafkajs on KRaft cannot subscribe to a missing topic. */
export class TopicAdmin {
  constructor(private readonly admin: Admin, private readonly settings: TopicAdminSettings) {}

  plan(specs: readonly TopicSpec[]): ITopicConfig[] {
    const { prefix, replicationFactor, minInsyncReplicas, maxPartitions } = this.settings;
    const partitions = (spec: TopicSpec) => Math.min(spec.partitions, maxPartitions ?? spec.partitions);
    const common = [{ name: 'min.insync.replicas', value: String(minInsyncReplicas) }];
    return specs.flatMap((spec) => {
      const topic = physicalName(prefix, spec.name);
      const main: ITopicConfig = {
        topic,
        numPartitions: partitions(spec),
        replicationFactor,
        configEntries: [
          ...common,
          ...(spec.retentionMs ? [{ name: 'retention.ms', value: String(spec.retentionMs) }] : []),
          ...(spec.timestampType ? [{ name: 'message.timestamp.type', value: spec.timestampType }] : []),
        ],
      };
      if (!spec.deadLetter) return [main];
      return [main, {
        topic: deadLetterName(topic),
        numPartitions: partitions(spec),
        replicationFactor,
        configEntries: [...common, { name: 'retention.ms', value: String(DEAD_LETTER_RETENTION_MS) }],
      }];
    });
  }

  /** Creates what is missing and returns the names it created. */
  async ensure(specs: readonly TopicSpec[]): Promise<string[]> {
    const existing = new Set(await this.admin.listTopics());
    const missing = this.plan(specs).filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      await this.admin.createTopics({ topics: missing, waitForLeaders: false });
      await this.leadersOf(missing.map((t) => t.topic));
    }
    return missing.map((t) => t.topic);
  }

  /** Waits until every partition of the topics has a leader (a consumer or producer can use them). */
  private async leadersOf(topics: string[]): Promise<void> {
    const deadline = Date.now() + LEADERS_WITHIN_MS;
    for (;;) {
      try {
        const { topics: metadata } = await this.admin.fetchTopicMetadata({ topics });
        if (metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
      } catch (error) {
        if (!(error instanceof KafkaJSProtocolError && NOT_READY.has(error.type))) throw error;
      }
      if (Date.now() > deadline) throw new Error(`topics created but without a leader for every partition after ${LEADERS_WITHIN_MS} ms: ${topics.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, LEADERS_POLL_MS));
    }
  }
}
