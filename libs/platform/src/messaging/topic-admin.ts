import { Admin, ITopicConfig } from 'kafkajs';
import { DEAD_LETTER_RETENTION_MS, TopicSpec, deadLetterName, physicalName } from './topic-catalog';

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
      await this.admin.createTopics({ topics: missing, waitForLeaders: true });
    }
    return missing.map((t) => t.topic);
  }
}
