import type { FeedGenerator } from '../population';
import { justiceFeed } from './justice';

export { justiceFeed };

/**
 * Every feed generator the feeds:generate command runs, one per source topic.
 * EXTEND HERE: the tax, statistics, court and utility generators (feeds/tax.ts, statistics.ts,
 * court.ts, utility.ts) join this list once they exist.
 */
export const FEED_GENERATORS: ReadonlyArray<FeedGenerator<unknown>> = [justiceFeed];
