import type { WatchlistBirthDate } from '../watchlist-entry';

const DAY_MS = 86_400_000;

function validYmd(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * An ISO calendar date from the list's text. The UN list writes some dates with a time-zone
 * suffix (`2015-03-27-04:00`) or a time: only the calendar date is kept (NDIP-NOTES §1).
 */
export function isoDay(value: string | null): string | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s+-Z])/.exec(value.trim());
  if (!m || !validYmd(Number(m[1]), Number(m[2]), Number(m[3]))) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** `dd.mm.yyyy` (the AFM list) to an ISO date; null when it is not a real day. */
export function dottedDay(value: string | null): string | null {
  if (!value) return null;
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validYmd(y, mo, d)) return null;
  return `${m[3]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export const epochDays = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
export const isoFromEpochDays = (days: number): string => new Date(days * DAY_MS).toISOString().slice(0, 10);

/**
 * A date of birth at the precision the text carries: `YYYY` stays a year, `YYYY-MM` a month,
 * `YYYY-MM-DD` a day. A year is never widened to 1 January (NDIP-NOTES §1).
 */
export function birthDateFromText(value: string | null, approximate = false): WatchlistBirthDate | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d{4}$/.test(v)) return { precision: 'YEAR', date: v, fromYear: null, toYear: null, approximate };
  const month = /^(\d{4})-(\d{2})$/.exec(v);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return { precision: 'MONTH', date: v, fromYear: null, toYear: null, approximate };
  const day = isoDay(v) ?? dottedDay(v);
  if (day) return { precision: 'DAY', date: day, fromYear: null, toYear: null, approximate };
  return null;
}

export function yearRange(from: number, to: number, approximate = false): WatchlistBirthDate {
  return { precision: 'YEAR_RANGE', date: null, fromYear: Math.min(from, to), toYear: Math.max(from, to), approximate };
}
