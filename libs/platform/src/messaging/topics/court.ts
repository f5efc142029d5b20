import { DAY_MS, TopicSpec } from './topic-spec';

export const courtTopics = {
  courtCivilCases: {
    name: 'feed.court.civil-cases.v1',
    partitions: 6,
    valueSchema: 'court/civil-case.v1.avsc',
    key: 'BIN/IIN of the party',
    retentionMs: 30 * DAY_MS,
    deadLetter: true,
  },
} as const satisfies Record<string, TopicSpec>;
