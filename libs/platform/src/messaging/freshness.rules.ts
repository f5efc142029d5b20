/**
 * Freshness before throughput (issue #12: a feed record's change visible in the register within
 * 2 s, p99, while a 1M-record load runs). The register's projection lane shares the event loop,
 * the CPU and the database with the feed consumers that produce its input; under a load the feeds
 * win and the projection falls behind. When a watched lane (TopicSpec.freshness) is older than a
 * threshold, this instance stops fetching its feeds until the lane is back under a lower one.
 */

/** Why the back-off state is what it is (logged and counted). */
export enum BackoffReason {
  /** Not backing off: the lane is within its threshold. */
  WITHIN_TARGET = 'WITHIN_TARGET',
  /** Backing off: the lane is older than the pause threshold. */
  LANE_BEHIND = 'LANE_BEHIND',
  /** Still backing off: the lane is between the two thresholds (hysteresis). */
  CATCHING_UP = 'CATCHING_UP',
  /** Resumed: the lane is under the resume threshold. */
  CAUGHT_UP = 'CAUGHT_UP',
  /**
   * Resumed although the lane is still behind: a back-off never lasts longer than maxPauseMs, so a
   * projection that cannot catch up (its database down, a poison batch retrying) never stops ingest.
   */
  MAX_PAUSE = 'MAX_PAUSE',
  /** Not backing off again yet although the lane is behind: the feeds run minRunMs after a forced resume. */
  MIN_RUN = 'MIN_RUN',
  /** The mechanism is off (pauseAboveMs = 0). */
  DISABLED = 'DISABLED',
}

export interface FreshnessPolicy {
  /** Lane age (ms) above which the feeds back off; 0 disables the back-off. */
  pauseAboveMs: number;
  /** Lane age (ms) under which they resume; below pauseAboveMs, so the state does not flap. */
  resumeBelowMs: number;
  /** Longest back-off (ms); the feeds then run for at least minRunMs whatever the lane's age. */
  maxPauseMs: number;
  minRunMs: number;
}

export interface BackoffState {
  paused: boolean;
  /** When the current state (paused or not) began (epoch ms). */
  since: number;
  reason: BackoffReason;
  /** After a forced resume (MAX_PAUSE): no back-off before this time (epoch ms). */
  runUntil: number;
}

export const INITIAL_BACKOFF: BackoffState = { paused: false, since: 0, reason: BackoffReason.WITHIN_TARGET, runUntil: 0 };

/**
 * Pure: the next back-off state from the lane's age (ms) at `now` (epoch ms, the caller's clock).
 * Pauses above pauseAboveMs, resumes under resumeBelowMs (hysteresis), never stays paused longer
 * than maxPauseMs, and after such a forced resume lets the feeds run for minRunMs.
 */
export function decideBackoff(state: BackoffState, laneAgeMs: number, now: number, policy: FreshnessPolicy): BackoffState {
  if (policy.pauseAboveMs <= 0) {
    return state.paused || state.reason !== BackoffReason.DISABLED ? { paused: false, since: now, reason: BackoffReason.DISABLED, runUntil: 0 } : state;
  }
  if (state.paused) {
    if (laneAgeMs < policy.resumeBelowMs) return { paused: false, since: now, reason: BackoffReason.CAUGHT_UP, runUntil: 0 };
    if (now - state.since >= policy.maxPauseMs) return { paused: false, since: now, reason: BackoffReason.MAX_PAUSE, runUntil: now + policy.minRunMs };
    return state.reason === BackoffReason.CATCHING_UP ? state : { ...state, reason: BackoffReason.CATCHING_UP };
  }
  if (laneAgeMs <= policy.pauseAboveMs) return state.reason === BackoffReason.WITHIN_TARGET ? state : { ...state, reason: BackoffReason.WITHIN_TARGET };
  if (now < state.runUntil) return state.reason === BackoffReason.MIN_RUN ? state : { ...state, reason: BackoffReason.MIN_RUN };
  return { paused: true, since: now, reason: BackoffReason.LANE_BEHIND, runUntil: 0 };
}

/** What is known of one partition of a watched lane (LaneAge). */
export interface LanePartition {
  /** Producer/broker timestamp (epoch ms) of the first record of the batch being taken in, if one is. */
  inFlightSince?: number;
  /** Timestamp of the last record taken in, and whether the fetch that brought it saw more after it. */
  lastTaken?: number;
  behind: boolean;
}

/**
 * Pure: the age (ms) of the oldest record of the lane not yet taken in, over its partitions. A batch
 * being taken in is as old as its first record. After a batch, a partition the fetch saw more records
 * on is at most as old as the last record taken (the next one was produced after it); one the fetch
 * saw nothing more on is caught up. Records produced since the last fetch are not seen until the next
 * one, which the lane makes as soon as its batch is done.
 */
export function laneAge(partitions: Iterable<LanePartition>, now: number): number {
  let age = 0;
  for (const p of partitions) {
    const since = p.inFlightSince ?? (p.behind ? p.lastTaken : undefined);
    if (since !== undefined) age = Math.max(age, now - since);
  }
  return age;
}
