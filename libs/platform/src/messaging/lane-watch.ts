import type { Admin } from 'kafkajs';
import type { Logger } from '../observability/logger';
import { LaneWatermarks, PolledOffsets, observeOffsets, watermarkAge } from './lane-watermarks.rules';

/**
 * Polls the broker for a lane's end offsets and its group's committed offsets (lane-watermarks.rules):
 * the lane's age as the broker sees it, for the feeds' back-off. One poll at a time; a poll that
 * fails leaves the last samples (the age keeps growing if the lane was behind) and is logged once
 * a minute at most.
 */
export class LaneWatch {
  private samples: LaneWatermarks = new Map();
  private polling = false;
  private failedLoggedAt = 0;

  constructor(
    private readonly admin: () => Promise<Admin>,
    /** The lane's name (TopicSpec.lane), as the metrics show it. */
    readonly lane: string,
    /** The lane's consumer group (`<KAFKA_GROUP_ID>.<lane>`) and its physical topic. */
    readonly groupId: string,
    readonly topic: string,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Starts a poll unless one is on its way; the age reads the samples it leaves. */
  poll(): void {
    if (this.polling) return;
    this.polling = true;
    const seenAt = this.clock();
    this.read()
      .then((polled) => { this.samples = observeOffsets(this.samples, polled, seenAt); })
      .catch((error: unknown) => {
        if (seenAt - this.failedLoggedAt < 60_000) return;
        this.failedLoggedAt = seenAt;
        this.log.warn({ groupId: this.groupId, topic: this.topic, err: { message: (error as Error)?.message } }, 'lane watch: could not read the lane offsets; judging by the last ones read');
      })
      .finally(() => { this.polling = false; });
  }

  ageMs(now = this.clock()): number {
    return watermarkAge(this.samples, now);
  }

  private async read(): Promise<PolledOffsets[]> {
    const admin = await this.admin();
    const [ends, groups] = await Promise.all([admin.fetchTopicOffsets(this.topic), admin.fetchOffsets({ groupId: this.groupId, topics: [this.topic] })]);
    const committed = new Map<number, number>();
    for (const g of groups) for (const p of g.partitions) committed.set(p.partition, Number(p.offset));
    // A group that has committed nothing on a partition reads it from the start (fromBeginning).
    return ends.map((e) => {
      const done = committed.get(e.partition) ?? -1;
      return { key: `${this.topic}/${e.partition}`, high: Number(e.high), committed: done >= 0 ? done : Number(e.low) };
    });
  }
}
