import { TopicSpec } from './topic-spec';

// Filled in by the participants feed work (issue 3).
export const participantTopics = {} as const satisfies Record<string, TopicSpec>;
