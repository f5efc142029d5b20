export * from './feed-status.module';
export * from './feed-status.options';
export * from './feed-status.service';
export * from './freshness.rules';
export * from './interruption.rules';
export { FeedActivityMonitor, sourceOfTopic } from './feed-activity.monitor';
export { InterruptionRepository } from './interruption.repository';
export * from './dlq-replay';
