import { TopicSpec } from './topic-spec';

// NDIP ↔ hub exchanges (NDIP §24): every value is a signed envelope, keyed by request or project id.
export const ndipTopics = {
  kycRequests: { name: 'ndip.kyc.requests.v1', partitions: 6, valueSchema: 'ndip/signed-envelope.v1.avsc', key: 'request id', deadLetter: true },
  kycResults: { name: 'ndip.kyc.results.v1', partitions: 6, valueSchema: 'ndip/signed-envelope.v1.avsc', key: 'request id', deadLetter: false },
  projectEvents: { name: 'ndip.projects.events.v1', partitions: 6, valueSchema: 'ndip/signed-envelope.v1.avsc', key: 'project id', deadLetter: true },
  projectStatus: { name: 'ndip.projects.status.v1', partitions: 6, valueSchema: 'ndip/signed-envelope.v1.avsc', key: 'project id', deadLetter: false },
} as const satisfies Record<string, TopicSpec>;
