import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Admin } from 'kafkajs';
import { ALL_TOPICS, HUB_CONFIG, HubConfig, KAFKA_ADMIN, LOGGER, Logger, physicalName } from '@hub/platform';
import { FeedActivityRepository } from './feed-activity.repository';
import { FEED_STATUS_OPTIONS, FeedStatusOptions } from './feed-status.options';
import { FeedSource } from './freshness.rules';

// Logical topic names per source (the catalog's `feed.<source>.` prefix; statistics may be "stat").
const SOURCE_PATTERNS: Record<FeedSource, RegExp> = {
  justice: /^feed\.justice\./, tax: /^feed\.tax\./, statistics: /^feed\.stat(istics)?\./, court: /^feed\.court\./, utility: /^feed\.utility\./,
};

export function sourceOfTopic(logical: string): FeedSource | null {
  for (const [source, pattern] of Object.entries(SOURCE_PATTERNS)) if (pattern.test(logical)) return source as FeedSource;
  return null;
}

export const feedTopicsBySource = (): Array<{ source: FeedSource; logical: string }> =>
  ALL_TOPICS.flatMap((t) => { const source = sourceOfTopic(t.name); return source ? [{ source, logical: t.name }] : []; });

/**
 * Watches each feed topic from the broker side (end offsets, then the newest record timestamp by a
 * binary search over ListOffsets-by-time), so no source consumer has to report its activity.
 */
@Injectable()
export class FeedActivityMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(LOGGER) private readonly log: Logger,
    @Inject(FEED_STATUS_OPTIONS) private readonly options: FeedStatusOptions,
    private readonly activity: FeedActivityRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.activityPollMs <= 0) return;
    // A pass that fails as a whole (the database down: issue 15's PostgreSQL restart) is logged and
    // tried again next tick; unhandled, the rejection ended the process.
    this.timer = setInterval(() => {
      this.observe().catch((error: unknown) => this.log.warn({ err: (error as Error).message }, 'feed activity pass failed; next one in the next interval'));
    }, this.options.activityPollMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass over all feed topics; concurrent calls share the pass in flight. */
  observe(now: () => Date = () => new Date()): Promise<void> {
    this.running ??= this.observeAll(now).finally(() => { this.running = undefined; });
    return this.running;
  }

  private async observeAll(now: () => Date): Promise<void> {
    const known = new Map((await this.activity.all()).map((a) => [a.topic, a]));
    for (const { source, logical } of feedTopicsBySource()) {
      const topic = physicalName(this.config.TOPIC_PREFIX, logical);
      try {
        const ends = await this.admin.fetchTopicOffsets(topic);
        const endSum = ends.reduce((s, p) => s + BigInt(p.high), 0n).toString();
        // Keyed by the physical name: deployments with different prefixes share the database.
        const before = known.get(topic);
        if (before && before.endOffsetSum === endSum) continue;
        const lastRecordAt = await this.newestTimestamp(topic, ends, before?.lastRecordAt ?? null, now());
        await this.activity.save({ topic, source, endOffsetSum: endSum, lastRecordAt, observedAt: now() });
      } catch (error) {
        this.log.warn({ topic, err: (error as Error).message }, 'feed activity not observed');
      }
    }
  }

  /** Newest record time to the second: the largest T for which some partition has a record at or after T. */
  private async newestTimestamp(topic: string, ends: Array<{ partition: number; high: string }>, after: Date | null, now: Date): Promise<Date | null> {
    const high = new Map(ends.map((p) => [p.partition, BigInt(p.high)]));
    const hasRecordAtOrAfter = async (t: number) =>
      (await this.admin.fetchTopicOffsetsByTimestamp(topic, t)).some((p) => BigInt(p.offset) < (high.get(p.partition) ?? 0n));
    let lo = after?.getTime() ?? 0;
    // Producers stamp records with their own clock; allow it to run a little ahead.
    let hi = now.getTime() + 3_600_000;
    if (!(await hasRecordAtOrAfter(lo))) return after;
    while (hi - lo > 1000) {
      const mid = Math.floor((lo + hi) / 2);
      if (await hasRecordAtOrAfter(mid)) lo = mid;
      else hi = mid;
    }
    return new Date(lo);
  }
}
