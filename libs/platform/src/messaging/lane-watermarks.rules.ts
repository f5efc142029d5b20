/**
 * A projection lane's age read from the broker (issue #12: a feed record's change visible in the
 * register within 2 s, p99, during a 1M-record load). The lane's own view of its age (laneAge in
 * freshness.rules.ts) sees only the batches it has started: records already fetched but queued
 * behind the batches in flight, and records produced since its last fetch, are invisible to it,
 * so it resumed the feeds while the perimeters' last batches were still publishing (lag p99 3–4 s
 * at a 1 s threshold). The broker knows both ends: the topic's end offset (high watermark) and the
 * lane group's committed offset. Polled a few times a second, the time each end offset was first
 * seen dates the records below it, and the oldest record not yet committed is as old as the first
 * end offset seen above the committed one. It also works from another process (apps/perimeter):
 * a perimeter's feeds can yield to the hub's register lane without sharing its memory.
 */

/** An end offset of one partition and when it was first seen (epoch ms): every record below it existed then. */
export interface WatermarkSample {
  high: number;
  seenAt: number;
}

/** One partition's offsets as polled: its end offset and the lane group's committed offset (next to take in). */
export interface PolledOffsets {
  /** `topic/partition` */
  key: string;
  high: number;
  committed: number;
}

export type LaneWatermarks = ReadonlyMap<string, readonly WatermarkSample[]>;

/**
 * Pure: the samples after a poll at `seenAt` (epoch ms, the caller's clock, taken before the poll
 * was sent so a slow answer on a busy event loop does not make records look younger). Samples at or
 * below the committed offset are done and dropped; a new end offset above the last sample is added.
 * An end offset lower than the last sample (topic recreated) starts the partition over. A partition
 * not in the poll keeps nothing.
 */
export function observeOffsets(previous: LaneWatermarks, polled: readonly PolledOffsets[], seenAt: number): Map<string, WatermarkSample[]> {
  const next = new Map<string, WatermarkSample[]>();
  for (const p of polled) {
    let kept = (previous.get(p.key) ?? []).filter((s) => s.high > p.committed);
    const last = kept[kept.length - 1];
    if (last && p.high < last.high) kept = [];
    const newest = kept[kept.length - 1];
    if (p.high > p.committed && (!newest || p.high > newest.high)) kept.push({ high: p.high, seenAt });
    next.set(p.key, kept);
  }
  return next;
}

/**
 * Pure: the age (ms) at `now` of the oldest record the lane has not committed, over its
 * partitions: the first end offset seen above the committed one is when that record was known to
 * exist. 0 when every partition is committed to its end.
 */
export function watermarkAge(samples: LaneWatermarks, now: number): number {
  let age = 0;
  for (const partition of samples.values()) {
    const first = partition[0];
    if (first) age = Math.max(age, now - first.seenAt);
  }
  return age;
}

/**
 * Pure: the last poll, still true, when the end offsets read now are the ones it read and the lane
 * had then committed every partition to its end: a committed offset only moves up to the end offset
 * (or back, by hand: LaneWatch reads the group's offsets anyway now and then), so reading the group's
 * offsets again gives the same figures and observeOffsets the same (empty) samples. Otherwise
 * undefined: records arrived, or some were not yet taken in, and the group's offsets must be read.
 */
export function settledAtSameEnds(last: readonly PolledOffsets[] | undefined, ends: ReadonlyMap<string, number>): readonly PolledOffsets[] | undefined {
  if (!last || last.length !== ends.size) return undefined;
  for (const p of last) {
    if (p.committed !== p.high || ends.get(p.key) !== p.high) return undefined;
  }
  return last;
}
