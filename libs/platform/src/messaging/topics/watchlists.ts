import { DAY_MS, TopicSpec } from './topic-spec';

/**
 * Sanctions watchlists (SPEC §4, NDIP §3.25): the UN SC consolidated list and the AFM list of
 * persons linked to terrorism financing, one record per list entry. Each publication is a full
 * snapshot; the publisher reads this topic back to tell a de-listing, so records are kept long.
 */
export const watchlistTopics = {
  watchlists: {
    name: 'feed.watchlists.v1',
    partitions: 3,
    valueSchema: 'watchlists/watchlist-entry.v1.avsc',
    key: 'list entry id (UN_SC:<DATAID>, KZ_AFM:<id>)',
    retentionMs: 3650 * DAY_MS,
    deadLetter: true,
  },
} as const satisfies Record<string, TopicSpec>;
