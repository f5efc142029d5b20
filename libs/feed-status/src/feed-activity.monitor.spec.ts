import type { Admin } from 'kafkajs';
import type { HubConfig, Logger } from '@hub/platform';
import { FeedActivityMonitor } from './feed-activity.monitor';
import type { FeedActivityRepository } from './feed-activity.repository';

describe('FeedActivityMonitor: a failed pass is logged and retried, never an unhandled rejection', () => {
  it('keeps polling when the database refuses (e.g. out of connection slots)', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const warn = jest.fn();
    const all = jest.fn().mockRejectedValue(new Error('sorry, too many clients already'));
    const monitor = new FeedActivityMonitor(
      {} as Admin, { TOPIC_PREFIX: '' } as HubConfig, { warn } as unknown as Logger,
      { activityPollMs: 5, expectedIntervalMs: { justice: 1, tax: 1, statistics: 1, court: 1 } },
      { all } as unknown as FeedActivityRepository,
    );
    try {
      monitor.onApplicationBootstrap();
      // Until the second pass, not a fixed sleep: on a loaded machine 60 ms held one pass only.
      for (const deadline = Date.now() + 10_000; all.mock.calls.length < 2 && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 5));
      await monitor.onApplicationShutdown();
      await new Promise((r) => setImmediate(r));
      expect(all.mock.calls.length).toBeGreaterThanOrEqual(2);
      expect(warn).toHaveBeenCalledWith({ err: 'sorry, too many clients already' }, expect.stringContaining('feed activity pass failed'));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
