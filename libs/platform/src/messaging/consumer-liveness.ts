import type { Admin, Consumer } from 'kafkajs';
import type { PartitionLag } from '../observability/metrics';

export interface LivenessThresholds {
  /** Summed lag above which a consumer that makes no progress counts as dead. */
  maxLag: number;
  /** How long without a finished batch (while lagging) makes a consumer stalled. */
  stallMs: number;
  /** How long a consumer may be out of its group (joining, restarting after a crash). */
  joinGraceMs: number;
}

export interface ConsumerObservations {
  started: boolean;
  stopped: boolean;
  startedAt?: number;
  member: boolean;
  memberSince?: number;
  memberId?: string;
  assignedPartitions: number;
  lastBatchAt?: number;
  crash?: { at: number; error: string; restart: boolean };
  pausedPartitions: string[];
}

export interface ConsumerHealth {
  status: 'up' | 'down' | 'idle';
  reasons: string[];
  groupMember: boolean;
  memberId?: string;
  assignedPartitions: number;
  lastBatchAt: string | null;
  lag: number | null;
  lagOverThreshold: boolean;
  pausedPartitions: string[];
}

/** Pure: whether a consumer is alive, from what was observed of it. */
export function consumerVerdict(o: ConsumerObservations, lag: number | null, now: number, t: LivenessThresholds): ConsumerHealth {
  const reasons: string[] = [];
  const lagOver = lag !== null && lag > t.maxLag;
  if (!o.started) {
    return { status: 'idle', reasons: ['no feed topics hosted'], groupMember: false, assignedPartitions: 0, lastBatchAt: null, lag, lagOverThreshold: lagOver, pausedPartitions: [] };
  }
  if (o.stopped) reasons.push('consumer stopped');
  if (o.crash && !o.crash.restart) reasons.push(`consumer crashed and will not restart: ${o.crash.error}`);
  if (!o.member) {
    const since = Math.max(o.crash?.at ?? 0, o.startedAt ?? 0);
    if (!o.stopped && now - since > t.joinGraceMs) reasons.push(`not a member of its consumer group for ${Math.round((now - since) / 1000)} s`);
  }
  const progressAt = Math.max(o.lastBatchAt ?? 0, o.memberSince ?? 0, o.startedAt ?? 0);
  if (lagOver && now - progressAt > t.stallMs) reasons.push(`lag ${lag} over ${t.maxLag} with no batch for ${Math.round((now - progressAt) / 1000)} s`);
  return {
    status: reasons.length > 0 ? 'down' : 'up',
    reasons,
    groupMember: o.member,
    memberId: o.memberId,
    assignedPartitions: o.assignedPartitions,
    lastBatchAt: o.lastBatchAt ? new Date(o.lastBatchAt).toISOString() : null,
    lag,
    lagOverThreshold: lagOver,
    pausedPartitions: o.pausedPartitions,
  };
}

/** Follows a kafkajs consumer's instrumentation events: group membership, crashes, stops. */
export class ConsumerLiveness {
  private readonly o: ConsumerObservations = { started: false, stopped: false, member: false, assignedPartitions: 0, pausedPartitions: [] };
  private readonly paused = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  attach(consumer: Consumer): void {
    this.o.started = true;
    this.o.stopped = false;
    this.o.startedAt = this.now();
    const { GROUP_JOIN, CRASH, STOP, REBALANCING } = consumer.events;
    consumer.on(GROUP_JOIN, (e) => {
      this.o.member = true;
      this.o.memberSince = this.now();
      this.o.memberId = e.payload.memberId;
      this.o.assignedPartitions = Object.values(e.payload.memberAssignment).reduce((n, ps) => n + ps.length, 0);
      this.o.crash = undefined;
    });
    consumer.on(REBALANCING, () => { this.o.member = false; });
    consumer.on(CRASH, (e) => {
      this.o.member = false;
      this.o.crash = { at: this.now(), error: e.payload.error.message, restart: e.payload.restart };
    });
    consumer.on(STOP, () => { this.o.member = false; this.o.stopped = true; });
  }

  batchDone(): void {
    this.o.lastBatchAt = this.now();
  }

  setPaused(topic: string, partition: number, paused: boolean): void {
    const key = `${topic}/${partition}`;
    if (paused) this.paused.add(key);
    else this.paused.delete(key);
  }

  observations(): ConsumerObservations {
    return { ...this.o, pausedPartitions: [...this.paused].sort() };
  }
}

/** Committed offsets against end offsets per partition; a partition never committed counts from its start. */
export async function partitionLags(admin: Admin, groupId: string, topics: readonly string[]): Promise<PartitionLag[]> {
  const committed = new Map<string, number>();
  for (const t of await admin.fetchOffsets({ groupId, topics: [...topics] })) {
    for (const p of t.partitions) committed.set(`${t.topic}/${p.partition}`, Number(p.offset));
  }
  const lags: PartitionLag[] = [];
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      const done = committed.get(`${topic}/${p.partition}`) ?? -1;
      lags.push({ topic, partition: p.partition, lag: Math.max(0, Number(p.high) - (done >= 0 ? done : Number(p.low))) });
    }
  }
  return lags;
}
