import { feedFreshness, latestDuePeriod, periodFromArrival, utilityDeadline } from './freshness.rules';
import { isLateNotice, MIN_NOTICE_MS, validateInterruption, InterruptionRejection } from './interruption.rules';
import type { ParticipantPlannedInterruption } from '@hub/contracts';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

describe('BPR §9: interruptions must be announced at least 36 hours before work starts', () => {
  const start = Date.parse('2026-05-10T08:00:00Z');

  it('accepts exactly 36 hours of warning and flags one millisecond less', () => {
    expect(MIN_NOTICE_MS).toBe(36 * HOUR);
    expect(isLateNotice(start, start - 36 * HOUR)).toBe(false);
    expect(isLateNotice(start, start - 36 * HOUR + 1)).toBe(true);
    expect(isLateNotice(start, start - 72 * HOUR)).toBe(false);
    expect(isLateNotice(start, start + HOUR)).toBe(true);
  });

  const notice = (over: Partial<ParticipantPlannedInterruption> = {}): ParticipantPlannedInterruption => ({
    noticeId: 'n-1', participant: 'KGD', affectedSource: 'TAX', affectedFeed: null, plannedStart: start, plannedEnd: start + 4 * HOUR,
    announcedAt: start - 10 * HOUR, cancelled: false, reason: 'database upgrade', eventTime: start - 10 * HOUR, ...over,
  });
  const now = new Date(start - 5 * HOUR);
  const known = new Set(['KGD']);

  it('records a short-notice announcement with the flag, and rejects broken notices with a reason code', () => {
    const ok = validateInterruption(notice(), 'KGD', known, now);
    expect(ok).toMatchObject({ ok: true, value: { source: 'tax', lateNotice: true, plannedStart: new Date(start) } });
    const cases: Array<[Partial<ParticipantPlannedInterruption>, string | null, InterruptionRejection]> = [
      [{ noticeId: ' ' }, 'KGD', InterruptionRejection.NOTICE_ID_MISSING],
      [{ participant: '' }, null, InterruptionRejection.PARTICIPANT_MISSING],
      [{}, 'MOJ', InterruptionRejection.KEY_MISMATCH],
      [{ participant: 'ACME' }, 'ACME', InterruptionRejection.UNKNOWN_PARTICIPANT],
      [{ plannedEnd: start }, 'KGD', InterruptionRejection.PERIOD_ORDER],
      [{ announcedAt: now.getTime() + HOUR }, 'KGD', InterruptionRejection.DATE_IN_FUTURE],
      [{ reason: '' }, 'KGD', InterruptionRejection.REASON_MISSING],
    ];
    for (const [over, key, code] of cases) expect(validateInterruption(notice(over), key, known, now)).toMatchObject({ ok: false, code });
  });

  it('judges lateness by arrival, not by the declared announcement time, and keeps the declared time', () => {
    const backdated = notice({ announcedAt: start - 72 * HOUR });
    const arrived = new Date(start - 10 * HOUR);
    expect(validateInterruption(backdated, 'KGD', known, now, arrived)).toMatchObject({
      ok: true, value: { lateNotice: true, announcedAt: new Date(start - 72 * HOUR), receivedAt: arrived },
    });
    expect(validateInterruption(notice({ announcedAt: start - 72 * HOUR }), 'KGD', known, now, new Date(start - 36 * HOUR))).toMatchObject({ ok: true, value: { lateNotice: false } });
  });
});

describe('utility feed: due by the 30th of the month following the reporting month (BPR §24.10)', () => {
  it('puts the deadline at the end of the 30th, Kazakhstan time, and at the end of February in February', () => {
    expect(utilityDeadline('2026-03').toISOString()).toBe('2026-04-30T19:00:00.000Z');
    expect(utilityDeadline('2026-01').toISOString()).toBe('2026-02-28T19:00:00.000Z');
    expect(utilityDeadline('2026-12').toISOString()).toBe('2027-01-30T19:00:00.000Z');
    expect(latestDuePeriod(at('2026-04-30T18:59:59Z'))).toBe('2026-02');
    expect(latestDuePeriod(at('2026-04-30T19:00:01Z'))).toBe('2026-03');
    expect(periodFromArrival(at('2026-04-12T10:00:00Z'))).toBe('2026-03');
  });

  const monthly = (latestPeriod: string | null, outages: Array<{ plannedStart: Date; plannedEnd: Date; cancelled?: boolean }> = []) =>
    ({ cadence: 'monthly' as const, latestPeriod, outages: outages.map((o) => ({ cancelled: false, ...o })) });

  it('is fresh on the 30th with March missing, and late just after the 30th ends', () => {
    expect(feedFreshness(monthly('2026-02'), at('2026-04-30T18:59:00Z')).status).toBe('FRESH');
    const late = feedFreshness(monthly('2026-02'), at('2026-04-30T19:00:01Z'));
    expect(late.status).toBe('LATE');
    expect(late.reason).toMatch(/2026-03/);
    expect(feedFreshness(monthly('2026-03'), at('2026-05-01T12:00:00Z')).status).toBe('FRESH');
    expect(feedFreshness(monthly(null), at('2026-05-01T12:00:00Z')).status).toBe('LATE');
  });

  it('reports a planned outage instead of lateness while a notified interruption covers the delivery window', () => {
    const outage = { plannedStart: at('2026-04-29T00:00:00Z'), plannedEnd: at('2026-05-01T00:00:00Z') };
    // During the interruption itself.
    expect(feedFreshness(monthly('2026-02', [outage]), at('2026-04-30T20:00:00Z')).status).toBe('PLANNED_OUTAGE');
    // After it ended, inside the extension (the 43 h of outage before the deadline push it out by as much).
    const covered = feedFreshness(monthly('2026-02', [outage]), at('2026-05-01T10:00:00Z'));
    expect(covered.status).toBe('PLANNED_OUTAGE');
    expect(covered.extendedDueAt?.toISOString()).toBe('2026-05-02T14:00:00.000Z');
    expect(feedFreshness(monthly('2026-02', [outage]), at('2026-05-02T14:00:01Z')).status).toBe('LATE');
    // A cancelled notice covers nothing.
    expect(feedFreshness(monthly('2026-02', [{ ...outage, cancelled: true }]), at('2026-05-01T10:00:00Z')).status).toBe('LATE');
  });
});

describe('interval feeds: late when no record arrived within the expected interval', () => {
  const interval = (lastDataAt: Date | null, outages: Array<{ plannedStart: Date; plannedEnd: Date }> = []) =>
    ({ cadence: 'interval' as const, expectedIntervalMs: 24 * HOUR, lastDataAt, outages: outages.map((o) => ({ cancelled: false, ...o })) });
  const last = at('2026-06-01T00:00:00Z');

  it('turns late one millisecond after the interval', () => {
    expect(feedFreshness(interval(last), at('2026-06-02T00:00:00Z')).status).toBe('FRESH');
    expect(feedFreshness(interval(last), new Date(at('2026-06-02T00:00:00Z').getTime() + 1)).status).toBe('LATE');
    expect(feedFreshness(interval(null), at('2026-06-02T00:00:00Z'))).toMatchObject({ status: 'LATE', reason: 'no record received yet' });
  });

  it('counts a planned interruption in the window as excused time', () => {
    const outage = { plannedStart: at('2026-06-01T10:00:00Z'), plannedEnd: at('2026-06-01T16:00:00Z') };
    expect(feedFreshness(interval(last, [outage]), at('2026-06-01T12:00:00Z')).status).toBe('PLANNED_OUTAGE');
    expect(feedFreshness(interval(last, [outage]), at('2026-06-02T05:00:00Z')).status).toBe('PLANNED_OUTAGE');
    expect(feedFreshness(interval(last, [outage]), at('2026-06-02T06:00:01Z')).status).toBe('LATE');
    // An outage announced for later does not excuse lateness now.
    const later = { plannedStart: at('2026-06-05T00:00:00Z'), plannedEnd: at('2026-06-05T06:00:00Z') };
    expect(feedFreshness(interval(last, [later]), at('2026-06-02T05:00:00Z')).status).toBe('LATE');
  });
});
