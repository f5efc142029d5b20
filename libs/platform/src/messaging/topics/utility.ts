import { DAY_MS, TopicSpec } from './topic-spec';

export const utilityTopics = {
  utilityArrears: {
    name: 'feed.utility.arrears.v1',
    partitions: 6,
    valueSchema: 'utility/utility-arrears.v1.avsc',
    key: 'BIN/IIN of the customer',
    // Monthly feed: keep more than one reporting cycle so a late consumer can still catch up.
    retentionMs: 60 * DAY_MS,
    deadLetter: true,
  },
} as const satisfies Record<string, TopicSpec>;
