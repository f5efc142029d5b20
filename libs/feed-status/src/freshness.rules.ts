export const FEED_SOURCES = ['justice', 'tax', 'statistics', 'court', 'utility'] as const;
export type FeedSource = (typeof FEED_SOURCES)[number];

export type FeedStatus = 'FRESH' | 'LATE' | 'PLANNED_OUTAGE';

/** The part of a notice the freshness rule needs. */
export interface OutageWindow {
  plannedStart: Date;
  plannedEnd: Date;
  cancelled: boolean;
}

export type FreshnessInput =
  | { cadence: 'interval'; expectedIntervalMs: number; lastDataAt: Date | null; outages: readonly OutageWindow[] }
  /** Utility (BPR §24.10): `latestPeriod` is the latest reporting month received, "YYYY-MM". */
  | { cadence: 'monthly'; latestPeriod: string | null; outages: readonly OutageWindow[] };

export interface FreshnessVerdict {
  status: FeedStatus;
  reason: string;
  /** When missing data becomes late, before any extension by planned interruptions. */
  dueAt: Date | null;
  /** dueAt plus the planned interruption time that fell inside the delivery window. */
  extendedDueAt: Date | null;
}

/** Kazakhstan has one time zone, UTC+5, since 1 March 2024; deadlines are local days. */
const KZ_OFFSET_MS = 5 * 3_600_000;

/** "YYYY-MM" of a month index (months since year 0). */
const periodOf = (monthIndex: number): string => `${Math.floor(monthIndex / 12)}-${String((monthIndex % 12) + 1).padStart(2, '0')}`;
const monthIndexOf = (period: string): number => {
  const [y, m] = period.split('-').map(Number);
  return y * 12 + (m - 1);
};
/** Instant a local (UTC+5) calendar day starts. */
const localDayStart = (year: number, month0: number, day: number): number => Date.UTC(year, month0, day) - KZ_OFFSET_MS;

/**
 * BPR §24.10: "ENM shall provide data every month, no later than the 30th day of the month
 * following the reporting month". Data for a month is due by the end of the 30th (local time) of
 * the next month; February has no 30th, so its last day stands in for it.
 */
export function utilityDeadline(period: string): Date {
  const next = monthIndexOf(period) + 1;
  const year = Math.floor(next / 12);
  const month0 = next % 12;
  const daysInMonth = new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
  return new Date(localDayStart(year, month0, Math.min(30, daysInMonth) + 1));
}

/** The latest reporting month whose deadline has passed at `now`: its data must be in by now. */
export function latestDuePeriod(now: Date): string {
  const local = new Date(now.getTime() + KZ_OFFSET_MS);
  let candidate = local.getUTCFullYear() * 12 + local.getUTCMonth() - 1;
  while (utilityDeadline(periodOf(candidate)).getTime() > now.getTime()) candidate--;
  return periodOf(candidate);
}

/** Fallback when the utility module cannot say which month it holds: a record arriving in month X reports X-1. */
export function periodFromArrival(lastDataAt: Date | null): string | null {
  if (!lastDataAt) return null;
  const local = new Date(lastDataAt.getTime() + KZ_OFFSET_MS);
  return periodOf(local.getUTCFullYear() * 12 + local.getUTCMonth() - 1);
}

const live = (outages: readonly OutageWindow[]) => outages.filter((o) => !o.cancelled);

function overlapMs(outages: readonly OutageWindow[], from: number, to: number): number {
  let total = 0;
  for (const o of live(outages)) total += Math.max(0, Math.min(o.plannedEnd.getTime(), to) - Math.max(o.plannedStart.getTime(), from));
  return total;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Pure: is a source fresh, late, or in a planned outage at `now`? A planned interruption that is
 * under way makes the source PLANNED_OUTAGE; one that fell inside the delivery window extends the
 * deadline by its length, and a source past its deadline but within the extension is reported as
 * PLANNED_OUTAGE too (the participant announced why data is missing) rather than LATE.
 */
export function feedFreshness(input: FreshnessInput, now: Date): FreshnessVerdict {
  const t = now.getTime();
  const active = live(input.outages).find((o) => o.plannedStart.getTime() <= t && t < o.plannedEnd.getTime());

  let due: number | null;
  let windowStart: number;
  let missing: string;
  if (input.cadence === 'interval') {
    if (!input.lastDataAt) {
      if (active) return { status: 'PLANNED_OUTAGE', reason: `no record received yet; planned interruption until ${iso(active.plannedEnd.getTime())}`, dueAt: null, extendedDueAt: null };
      return { status: 'LATE', reason: 'no record received yet', dueAt: null, extendedDueAt: null };
    }
    windowStart = input.lastDataAt.getTime();
    due = windowStart + input.expectedIntervalMs;
    missing = `no record since ${iso(windowStart)} (expected every ${Math.round(input.expectedIntervalMs / 3_600_000)} h)`;
  } else {
    const duePeriod = latestDuePeriod(now);
    const oldestMissing = input.latestPeriod === null
      ? duePeriod
      : periodOf(Math.min(monthIndexOf(input.latestPeriod) + 1, monthIndexOf(duePeriod) + 1));
    due = utilityDeadline(oldestMissing).getTime();
    // The delivery window of a month is the month that follows it, up to the deadline.
    const next = monthIndexOf(oldestMissing) + 1;
    windowStart = localDayStart(Math.floor(next / 12), next % 12, 1);
    missing = `data for ${oldestMissing} was due by ${iso(due)}`;
  }

  const extended = due + overlapMs(input.outages, windowStart, due);
  const verdict = (status: FeedStatus, reason: string): FreshnessVerdict => ({ status, reason, dueAt: new Date(due), extendedDueAt: new Date(extended) });
  if (active) return verdict('PLANNED_OUTAGE', `planned interruption from ${iso(active.plannedStart.getTime())} until ${iso(active.plannedEnd.getTime())}`);
  if (t <= due) return verdict('FRESH', input.cadence === 'interval' ? `next record expected by ${iso(due)}` : `received up to ${input.latestPeriod ?? 'none'}; next due by ${iso(due)}`);
  if (t <= extended) return verdict('PLANNED_OUTAGE', `${missing}; deadline extended to ${iso(extended)} by planned interruptions`);
  return verdict('LATE', missing);
}
