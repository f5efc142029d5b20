import { TopicSpec } from './topic-spec';

// NDIP ↔ hub exchanges (NDIP §24): every value is a signed envelope, keyed by request or project id.
export const ndipTopics = {
  // A lane of its own, pipelined: a KYC request is answered while the client waits (issue 10: p99 < 250 ms
  // at 100/s); in the instance's consumer it waited behind whole fetches of feed batches and their commits.
  kycRequests: { name: 'ndip.kyc.requests.v1', partitions: 6, valueSchema: 'ndip/signed-envelope.v1.avsc', key: 'request id', deadLetter: true, lane: 'kyc', pipelined: true },
  kycResults: { name: 'ndip.kyc.results.v1', partitions: 6, valueSchema: 'ndip/signed-envelope.v1.avsc', key: 'request id', deadLetter: false },
  projectEvents: { name: 'ndip.projects.events.v1', partitions: 6, valueSchema: 'ndip/signed-envelope.v1.avsc', key: 'project id', deadLetter: true },
  projectStatus: { name: 'ndip.projects.status.v1', partitions: 6, valueSchema: 'ndip/signed-envelope.v1.avsc', key: 'project id', deadLetter: false },
} as const satisfies Record<string, TopicSpec>;
