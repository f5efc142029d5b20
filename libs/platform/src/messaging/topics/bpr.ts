import { TopicSpec } from './topic-spec';

export const bprTopics = {
  preliminaryIndexes: {
    name: 'bpr.preliminary-indexes.v1',
    partitions: 6,
    valueSchema: 'bpr/preliminary-index.v1.avsc',
    key: 'BIN/IIN',
    deadLetter: true,
  },
} as const satisfies Record<string, TopicSpec>;
