import { TopicSpec } from './topic-spec';

export const bprTopics = {
  preliminaryIndexes: {
    name: 'bpr.preliminary-indexes.v1',
    partitions: 6,
    valueSchema: 'bpr/preliminary-index.v1.avsc',
    key: 'BIN/IIN',
    deadLetter: true,
    // Taking these in (decode, validate, append, ~one per feed record) was the hub's largest consumer
    // beside the register's lane in a load's profile (28 % of its loop with the perimeters
    // elsewhere): while the register is behind they wait with the feeds. A score reads the
    // newest index it has, so a back-off delays a score by at most the back-off.
    heldByBackoff: true,
  },
  /** Public-fact projections: each perimeter -> the register's own read model (ARCHITECTURE topic catalog). */
  publicFacts: {
    name: 'bpr.facts.v1',
    partitions: 6,
    valueSchema: 'bpr/public-fact.v1.avsc',
    key: 'BIN/IIN',
    deadLetter: true,
    // The register's change must be visible within 2 s of the feed record while a 1M-record load
    // runs (issue #12): behind the feeds' backlog in the shared consumer it waited 122 s (p99).
    lane: 'projections',
    // ...and in the lane it still shared the event loop, CPU and database with the feeds that
    // produce its input (p99 12.9 s): when it falls behind, the feeds back off.
    freshness: true,
    // A 1 MiB batch (~2,000 facts) took seconds to project under load, and its first fact waited
    // for its last.
    fetchBytesPerPartition: 256 * 1024,
  },
} as const satisfies Record<string, TopicSpec>;
