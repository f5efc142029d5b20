import { drainDue, drainGoesOn } from './recompute-outbox.rules';

const timing = { quietMs: 2000, maxDelayMs: 300_000 };

describe('drainDue', () => {
  it('leaves an empty outbox alone', () => {
    expect(drainDue({ oldestAgeMs: null, newestAgeMs: 0, sinceLastBatchMs: 1e9 }, timing)).toBeNull();
  });

  it('waits while feeds flow into this instance or ids keep arriving from any instance', () => {
    expect(drainDue({ oldestAgeMs: 60_000, newestAgeMs: 5000, sinceLastBatchMs: 500 }, timing)).toBeNull();
    expect(drainDue({ oldestAgeMs: 60_000, newestAgeMs: 500, sinceLastBatchMs: 60_000 }, timing)).toBeNull();
  });

  it('drains everything once the feeds are quiet', () => {
    expect(drainDue({ oldestAgeMs: 60_000, newestAgeMs: 2000, sinceLastBatchMs: 2000 }, timing)).toBe('quiet');
  });

  it('drains what is overdue however busy the feeds are', () => {
    expect(drainDue({ oldestAgeMs: 300_000, newestAgeMs: 0, sinceLastBatchMs: 0 }, timing)).toBe('overdue');
  });
});

describe('drainGoesOn', () => {
  it('stops a quiet drain once a feed batch arrives again, so what the resumed feeds write waits', () => {
    expect(drainGoesOn('quiet', 5000, timing)).toBe(true);
    expect(drainGoesOn('quiet', 100, timing)).toBe(false);
  });

  it('runs an overdue drain to its cutoff however busy the feeds are', () => {
    expect(drainGoesOn('overdue', 0, timing)).toBe(true);
  });
});
