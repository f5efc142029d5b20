import { TopicSpec } from './topic-spec';

// Filled in by the court feed work (issue 3).
export const courtTopics = {} as const satisfies Record<string, TopicSpec>;
