import { DAY_MS, TopicSpec } from './topic-spec';

export const statisticsTopics = {
  statisticsEntities: {
    name: 'feed.stat.entities.v1',
    partitions: 6,
    valueSchema: 'statistics/statistical-entity.v1.avsc',
    key: 'BIN/IIN',
    retentionMs: 30 * DAY_MS,
    deadLetter: true,
  },
} as const satisfies Record<string, TopicSpec>;
