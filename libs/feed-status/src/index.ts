export * from './feed-status.module';
