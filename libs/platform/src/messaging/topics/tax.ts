import { TopicSpec } from './topic-spec';

// Filled in by the tax feed work (issue 3).
export const taxTopics = {} as const satisfies Record<string, TopicSpec>;
