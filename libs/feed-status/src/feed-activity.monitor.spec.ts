import type { Admin } from 'kafkajs';
import { loadConfig, type Logger } from '@hub/platform';
import { FeedActivityMonitor } from './feed-activity.monitor';
import type { FeedActivityRepository } from './feed-activity.repository';

/** Issue 15's PostgreSQL restart: a pass whose database read fails must be logged, not end the process. */
describe('FeedActivityMonitor on its timer', () => {
  it('logs a pass that fails as a whole and tries again on the next tick', async () => {
    const warnings: string[] = [];
    const log = { warn: (_: unknown, msg: string) => warnings.push(msg) } as unknown as Logger;
    let reads = 0;
    const activity = { all: async () => { reads++; throw new Error('connect ECONNREFUSED'); } } as unknown as FeedActivityRepository;
    const monitor = new FeedActivityMonitor({} as Admin, loadConfig({}), log, { activityPollMs: 20 } as never, activity);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      monitor.onApplicationBootstrap();
      await new Promise((r) => setTimeout(r, 150));
    } finally {
      await monitor.onApplicationShutdown().catch(() => undefined);
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(reads).toBeGreaterThanOrEqual(2);
    expect(warnings.length).toBe(reads);
  });
});
