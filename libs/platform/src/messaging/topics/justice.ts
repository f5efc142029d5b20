import { DAY_MS, TopicSpec } from './topic-spec';

export const justiceTopics = {
  justiceLegalEntities: {
    name: 'feed.justice.legal-entities.v1',
    partitions: 6,
    valueSchema: 'justice/legal-entity-registration.v1.avsc',
    key: 'BIN',
    retentionMs: 30 * DAY_MS,
    deadLetter: true,
  },
} as const satisfies Record<string, TopicSpec>;
