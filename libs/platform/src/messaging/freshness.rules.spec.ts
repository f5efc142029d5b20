import { BackoffReason, BackoffState, FreshnessPolicy, INITIAL_BACKOFF, decideBackoff, laneAge } from './freshness.rules';

const policy: FreshnessPolicy = { pauseAboveMs: 1000, resumeBelowMs: 300, maxPauseMs: 10_000, minRunMs: 2000 };

/** Runs the decision over (time, lane age) readings, as the server's ticks would. */
function run(readings: Array<[number, number]>, p: FreshnessPolicy = policy, start: BackoffState = INITIAL_BACKOFF): BackoffState[] {
  const out: BackoffState[] = [];
  let state = start;
  for (const [now, age] of readings) {
    state = decideBackoff(state, age, now, p);
    out.push(state);
  }
  return out;
}

describe('decideBackoff', () => {
  it('keeps the feeds running while the lane is within the pause threshold (inclusive)', () => {
    const states = run([[0, 0], [100, 999], [200, 1000]]);
    expect(states.map((s) => s.paused)).toEqual([false, false, false]);
    expect(states[2].reason).toBe(BackoffReason.WITHIN_TARGET);
  });

  it('backs off once the lane is older than the threshold, and records when', () => {
    const [state] = run([[5000, 1001]]);
    expect(state).toMatchObject({ paused: true, since: 5000, reason: BackoffReason.LANE_BEHIND });
  });

  it('stays paused between the thresholds (hysteresis) and resumes only under the resume threshold', () => {
    const states = run([[0, 1500], [100, 900], [200, 300], [300, 299]]);
    expect(states.map((s) => [s.paused, s.reason])).toEqual([
      [true, BackoffReason.LANE_BEHIND], [true, BackoffReason.CATCHING_UP], [true, BackoffReason.CATCHING_UP], [false, BackoffReason.CAUGHT_UP],
    ]);
    expect(states[1].since).toBe(0); // the pause's start is kept while it lasts
    expect(states[3].since).toBe(300);
  });

  it('pauses again at once after a normal resume when the lane falls behind again', () => {
    const states = run([[0, 1500], [100, 0], [150, 1200]]);
    expect(states.map((s) => s.paused)).toEqual([true, false, true]);
  });

  it('never pauses longer than maxPauseMs, then lets the feeds run for minRunMs whatever the lane says', () => {
    const states = run([[0, 5000], [9999, 5000], [10_000, 5000], [11_000, 5000], [11_999, 5000], [12_000, 5000]]);
    expect(states.map((s) => [s.paused, s.reason])).toEqual([
      [true, BackoffReason.LANE_BEHIND], [true, BackoffReason.CATCHING_UP], [false, BackoffReason.MAX_PAUSE],
      [false, BackoffReason.MIN_RUN], [false, BackoffReason.MIN_RUN], [true, BackoffReason.LANE_BEHIND],
    ]);
    expect(states[5].since).toBe(12_000);
  });

  it('does nothing when disabled (pauseAboveMs = 0), and a pause in force ends', () => {
    const off = { ...policy, pauseAboveMs: 0 };
    expect(run([[0, 60_000]], off)[0]).toMatchObject({ paused: false, reason: BackoffReason.DISABLED });
    const paused: BackoffState = { paused: true, since: 0, reason: BackoffReason.LANE_BEHIND, runUntil: 0 };
    expect(run([[50, 60_000]], off, paused)[0]).toMatchObject({ paused: false, since: 50, reason: BackoffReason.DISABLED });
  });

  it('returns the same object when nothing changes (no allocation per tick)', () => {
    const [a, b] = run([[0, 10], [1, 20]]);
    expect(b).toBe(a);
  });
});

describe('laneAge', () => {
  it('is 0 for a lane with nothing in flight and nothing seen behind', () => {
    expect(laneAge([{ behind: false, lastTaken: 100 }, { behind: false }], 10_000)).toBe(0);
  });

  it('is the age of the oldest record of a batch in flight', () => {
    expect(laneAge([{ behind: false, inFlightSince: 4000 }, { behind: true, lastTaken: 8000 }], 10_000)).toBe(6000);
  });

  it('is the age of the last record taken on a partition the fetch saw more records on', () => {
    expect(laneAge([{ behind: true, lastTaken: 9500 }, { behind: false, lastTaken: 1000 }], 10_000)).toBe(500);
  });
});
