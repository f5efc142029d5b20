import { Inject, Injectable, Optional } from '@nestjs/common';
import { HUB_CONFIG, HubConfig, Topics, physicalName } from '@hub/platform';
import { FeedActivityRepository } from './feed-activity.repository';
import { feedTopicsBySource } from './feed-activity.monitor';
import { FEED_STATUS_OPTIONS, FeedStatusOptions, UTILITY_PERIODS, UtilityPeriods } from './feed-status.options';
import { FEED_SOURCES, FeedSource, FeedStatus, FreshnessInput, feedFreshness, periodFromArrival } from './freshness.rules';
import { InterruptionRepository, StoredInterruption } from './interruption.repository';
import { MIN_NOTICE_MS } from './interruption.rules';

export interface InterruptionView {
  participant: string;
  noticeId: string;
  source: string;
  feed: string | null;
  plannedStart: string;
  plannedEnd: string;
  /** As the sender declares it. */
  announcedAt: string;
  /** When the notice reached the exchange (broker time): this decides lateness. */
  receivedAt: string;
  /** Hours between the declared announcement and the planned start. */
  noticeHours: number;
  /** Hours between arrival and the planned start. */
  noticeHoursAtArrival: number;
  /** BPR §9: arrived less than 36 hours before work starts. */
  lateNotice: boolean;
  cancelled: boolean;
  reason: string;
}

export interface SourceStatusView {
  source: FeedSource;
  status: FeedStatus;
  reason: string;
  topics: string[];
  lastDataAt: string | null;
  /** Utility only: latest reporting month held, and where that figure came from. */
  latestPeriod?: string | null;
  latestPeriodFrom?: 'utility-store' | 'arrival-time';
  dueAt: string | null;
  extendedDueAt: string | null;
  activeInterruptions: InterruptionView[];
  upcomingInterruptions: InterruptionView[];
}

export interface FeedStatusReport {
  generatedAt: string;
  minNoticeHours: number;
  sources: SourceStatusView[];
  /** Current and upcoming notices announced with less than 36 hours' warning. */
  lateNotices: InterruptionView[];
}

const hoursBefore = (start: Date, at: Date) => Math.round(((start.getTime() - at.getTime()) / 3_600_000) * 100) / 100;

const view = (n: StoredInterruption): InterruptionView => ({
  participant: n.participant, noticeId: n.noticeId, source: n.source, feed: n.feed,
  plannedStart: n.plannedStart.toISOString(), plannedEnd: n.plannedEnd.toISOString(), announcedAt: n.announcedAt.toISOString(),
  receivedAt: n.receivedAt.toISOString(),
  noticeHours: hoursBefore(n.plannedStart, n.announcedAt),
  noticeHoursAtArrival: hoursBefore(n.plannedStart, n.receivedAt),
  lateNotice: n.lateNotice, cancelled: n.cancelled, reason: n.reason,
});

/** Reads what the stores hold and lets the pure freshness rule decide; no decisions here. */
@Injectable()
export class FeedStatusService {
  constructor(
    private readonly interruptions: InterruptionRepository,
    private readonly activity: FeedActivityRepository,
    @Inject(FEED_STATUS_OPTIONS) private readonly options: FeedStatusOptions,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Optional() @Inject(UTILITY_PERIODS) private readonly utilityPeriods?: UtilityPeriods,
  ) {}

  async report(now: Date): Promise<FeedStatusReport> {
    // Notices that ended up to 62 days ago can still extend a monthly deadline.
    const prefix = this.config.TOPIC_PREFIX;
    const notices = await this.interruptions.relevant(new Date(now.getTime() - 62 * 86_400_000), physicalName(prefix, Topics.participantInterruptions.name));
    const activity = await this.activity.all();
    const topics = feedTopicsBySource();
    const sources: SourceStatusView[] = [];
    for (const source of FEED_SOURCES) {
      const own = notices.filter((n) => n.source === source);
      const outages = own.filter((n) => !n.cancelled);
      const sourceTopics = topics.filter((t) => t.source === source).map((t) => t.logical);
      const seen = activity.filter((a) => a.source === source && a.lastRecordAt && sourceTopics.some((t) => physicalName(prefix, t) === a.topic)).map((a) => a.lastRecordAt!.getTime());
      const lastDataAt = seen.length ? new Date(Math.max(...seen)) : null;
      let input: FreshnessInput;
      let utility: Pick<SourceStatusView, 'latestPeriod' | 'latestPeriodFrom'> = {};
      if (source === 'utility') {
        const latestPeriod = this.utilityPeriods ? await this.utilityPeriods.latestPeriod() : periodFromArrival(lastDataAt);
        utility = { latestPeriod, latestPeriodFrom: this.utilityPeriods ? 'utility-store' : 'arrival-time' };
        input = { cadence: 'monthly', latestPeriod, outages };
      } else {
        input = { cadence: 'interval', expectedIntervalMs: this.options.expectedIntervalMs[source], lastDataAt, outages };
      }
      const verdict = feedFreshness(input, now);
      const t = now.getTime();
      sources.push({
        source, status: verdict.status, reason: verdict.reason, topics: sourceTopics,
        lastDataAt: lastDataAt?.toISOString() ?? null, ...utility,
        dueAt: verdict.dueAt?.toISOString() ?? null, extendedDueAt: verdict.extendedDueAt?.toISOString() ?? null,
        activeInterruptions: outages.filter((n) => n.plannedStart.getTime() <= t && t < n.plannedEnd.getTime()).map(view),
        upcomingInterruptions: outages.filter((n) => n.plannedStart.getTime() > t).map(view),
      });
    }
    const lateNotices = notices.filter((n) => n.lateNotice && !n.cancelled && n.plannedEnd.getTime() > now.getTime()).map(view);
    return { generatedAt: now.toISOString(), minNoticeHours: MIN_NOTICE_MS / 3_600_000, sources, lateNotices };
  }
}
