import { DAY_MS } from './topics/topic-spec';
import { bprTopics } from './topics/bpr';
import { courtTopics } from './topics/court';
import { justiceTopics } from './topics/justice';
import { ndipTopics } from './topics/ndip';
import { participantTopics } from './topics/participants';
import { statisticsTopics } from './topics/statistics';
import { taxTopics } from './topics/tax';
import { utilityTopics } from './topics/utility';
import { watchlistTopics } from './topics/watchlists';
import type { TopicSpec } from './topics/topic-spec';

export type { TopicSpec };

export const Topics = {
  ...justiceTopics,
  ...taxTopics,
  ...statisticsTopics,
  ...courtTopics,
  ...utilityTopics,
  ...participantTopics,
  ...bprTopics,
  ...ndipTopics,
  ...watchlistTopics,
} as const;

/**
 * The one catalog of topics, composed from one file per domain (topics/*.ts). Names are logical;
 * a deployment may prefix them (TOPIC_PREFIX) so tests and benchmarks run beside live data.
 */
export const ALL_TOPICS: readonly TopicSpec[] = Object.values(Topics);

/** The state bodies' feed topics, which the feed generator fills and the hub ingests. */
export const FEED_TOPICS: readonly TopicSpec[] = [
  Topics.justiceLegalEntities, Topics.taxFacts, Topics.taxFinancials, Topics.taxLists, Topics.statisticsEntities, Topics.courtCivilCases, Topics.utilityArrears,
];

export const DEAD_LETTER_SUFFIX = '.dlq';
export const DEAD_LETTER_RETENTION_MS = 90 * DAY_MS;


export const physicalName = (prefix: string, logical: string): string => `${prefix}${logical}`;
export const deadLetterName = (physicalTopic: string): string => `${physicalTopic}${DEAD_LETTER_SUFFIX}`;
export const valueSubject = (physicalTopic: string): string => `${physicalTopic}-value`;
