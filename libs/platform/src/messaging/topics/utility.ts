import { TopicSpec } from './topic-spec';

// Filled in by the utility feed work (issue 3).
export const utilityTopics = {} as const satisfies Record<string, TopicSpec>;
