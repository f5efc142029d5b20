/**
 * The one catalog of topics. Names are logical; a deployment may prefix them (TOPIC_PREFIX) so
 * tests and benchmarks run beside live data. Partitions bound the parallelism of a consumer group:
 * scaling out means more partitions and more instances, never a code change.
 */
export interface TopicSpec {
  name: string;
  partitions: number;
  /** Avro schema file under schemas/; its subject is `<physical topic>-value`. */
  valueSchema?: string;
  /** What the record key holds; every producer must key by it so one entity stays in order. */
  key: string;
  retentionMs?: number;
  /** Feed topics get a `<topic>.dlq` twin for records that cannot be taken in. */
  deadLetter: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const Topics = {
  justiceLegalEntities: {
    name: 'feed.justice.legal-entities.v1',
    partitions: 6,
    valueSchema: 'justice/legal-entity-registration.v1.avsc',
    key: 'BIN',
    retentionMs: 30 * DAY_MS,
    deadLetter: true,
  },
} as const satisfies Record<string, TopicSpec>;

export const ALL_TOPICS: readonly TopicSpec[] = Object.values(Topics);

export const DEAD_LETTER_SUFFIX = '.dlq';
export const DEAD_LETTER_RETENTION_MS = 90 * DAY_MS;

export const physicalName = (prefix: string, logical: string): string => `${prefix}${logical}`;
export const deadLetterName = (physicalTopic: string): string => `${physicalTopic}${DEAD_LETTER_SUFFIX}`;
export const valueSubject = (physicalTopic: string): string => `${physicalTopic}-value`;
