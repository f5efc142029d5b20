import { DAY_MS, TopicSpec } from './topic-spec';

export const participantTopics = {
  /** BPR §9: participants announce planned technological interruptions of their systems. */
  participantInterruptions: {
    name: 'feed.participants.interruptions.v1',
    partitions: 3,
    valueSchema: 'participants/planned-interruption.v1.avsc',
    key: 'participant',
    retentionMs: 365 * DAY_MS,
    // The 36-hour rule counts from arrival: the broker's clock stamps each notice, not the sender's.
    timestampType: 'LogAppendTime',
    deadLetter: true,
  },
} as const satisfies Record<string, TopicSpec>;
