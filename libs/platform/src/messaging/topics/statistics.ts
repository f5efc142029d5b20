import { TopicSpec } from './topic-spec';

// Filled in by the statistics feed work (issue 3).
export const statisticsTopics = {} as const satisfies Record<string, TopicSpec>;
