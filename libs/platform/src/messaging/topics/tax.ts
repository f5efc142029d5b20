import { DAY_MS, TopicSpec } from './topic-spec';

/**
 * The tax authority's three feeds (BPR §24.1). Financials are a tax secret: only the tax perimeter
 * consumes that topic (and its dead-letter twin); nothing derived from it is published elsewhere.
 */
export const taxTopics = {
  taxFacts: {
    name: 'feed.tax.facts.v1',
    partitions: 6,
    valueSchema: 'tax/tax-facts.v1.avsc',
    key: 'BIN/IIN',
    retentionMs: 30 * DAY_MS,
    deadLetter: true,
  },
  taxFinancials: {
    name: 'feed.tax.financials.v1',
    partitions: 6,
    valueSchema: 'tax/tax-financials.v1.avsc',
    key: 'BIN/IIN',
    // Short retention: the confidential figures should live on the broker no longer than needed to ingest.
    retentionMs: 7 * DAY_MS,
    deadLetter: true,
  },
  taxLists: {
    name: 'feed.tax.lists.v1',
    partitions: 6,
    valueSchema: 'tax/tax-list-membership.v1.avsc',
    key: 'BIN/IIN',
    retentionMs: 30 * DAY_MS,
    deadLetter: true,
  },
} as const satisfies Record<string, TopicSpec>;
