import type { FeedGenerator } from '../population';
import { courtFeed } from './court';
import { justiceFeed } from './justice';
import { statisticsFeed } from './statistics';
import { TAX_FEED_GENERATORS } from './tax';
import { utilityFeed } from './utility';

export { courtFeed, justiceFeed, statisticsFeed, utilityFeed, TAX_FEED_GENERATORS };

/** Every feed generator the feeds:generate command runs; add a source's generators here. */
export const FEED_GENERATORS: ReadonlyArray<FeedGenerator<unknown>> = [justiceFeed, ...TAX_FEED_GENERATORS, statisticsFeed, courtFeed, utilityFeed];
