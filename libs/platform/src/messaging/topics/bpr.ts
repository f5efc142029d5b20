import { TopicSpec } from './topic-spec';

export const bprTopics = {
  preliminaryIndexes: {
    name: 'bpr.preliminary-indexes.v1',
    partitions: 6,
    valueSchema: 'bpr/preliminary-index.v1.avsc',
    key: 'BIN/IIN',
    deadLetter: true,
  },
  /** Public-fact projections: each perimeter -> the register's own read model (ARCHITECTURE topic catalog). */
  publicFacts: {
    name: 'bpr.facts.v1',
    partitions: 6,
    valueSchema: 'bpr/public-fact.v1.avsc',
    key: 'BIN/IIN',
    deadLetter: true,
  },
} as const satisfies Record<string, TopicSpec>;
