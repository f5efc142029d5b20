import type { Admin } from 'kafkajs';
import type { Logger } from '../observability/logger';
import { LaneWatermarks, PolledOffsets, observeOffsets, settledAtSameEnds, watermarkAge } from './lane-watermarks.rules';

/**
 * Longest time a settled lane's committed offsets are taken as read (settledAtSameEnds): a group's
 * offsets set back by hand (to take records in again) are seen within it.
 */
const SETTLED_REREAD_MS = 1000;

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
  /** The last poll whose group offsets were read, and when: what a settled lane's polls reuse. */
  private lastRead?: { polled: readonly PolledOffsets[]; at: number };

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

  /**
   * The end offsets, and the group's committed offsets unless the lane was settled at the same end
   * offsets (settledAtSameEnds): an idle lane is polled ~10 times a second (the freshness tick) and
   * the group's offsets cost a coordinator lookup and an OffsetFetch each time. While records arrive
   * or wait, both are read together, as before.
   */
  private async read(): Promise<readonly PolledOffsets[]> {
    const admin = await this.admin();
    const startedAt = this.clock();
    const last = this.lastRead;
    const settled = last && startedAt - last.at < SETTLED_REREAD_MS && last.polled.every((p) => p.committed === p.high);
    const endsRead = admin.fetchTopicOffsets(this.topic);
    const groupsRead = settled ? undefined : admin.fetchOffsets({ groupId: this.groupId, topics: [this.topic] });
    // Nobody awaits the group's offsets if the end offsets fail: a rejection must not go unhandled.
    groupsRead?.catch(() => undefined);
    const ends = await endsRead;
    if (settled) {
      const same = settledAtSameEnds(last.polled, new Map(ends.map((e) => [`${this.topic}/${e.partition}`, Number(e.high)])));
      if (same) return same;
    }
    const groups = await (groupsRead ?? admin.fetchOffsets({ groupId: this.groupId, topics: [this.topic] }));
    const committed = new Map<number, number>();
    for (const g of groups) for (const p of g.partitions) committed.set(p.partition, Number(p.offset));
    // A group that has committed nothing on a partition reads it from the start (fromBeginning).
    const polled = ends.map((e) => {
      const done = committed.get(e.partition) ?? -1;
      return { key: `${this.topic}/${e.partition}`, high: Number(e.high), committed: done >= 0 ? done : Number(e.low) };
    });
    this.lastRead = { polled, at: startedAt };
    return polled;
  }
}
