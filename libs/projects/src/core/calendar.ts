// Pure: calendar and working-day arithmetic over yearly calendar data (no I/O; the loader reads the JSON).

/** A calendar date in Kazakhstan, 'YYYY-MM-DD'. */
export type IsoDate = string;

const DAY_MS = 86_400_000;
/** Kazakhstan has one time zone, UTC+5, since 1 March 2024: a deadline day is a day in Kazakhstan. */
const KZ_OFFSET_MS = 5 * 3_600_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface CalendarYear {
  year: number;
  /** getUTCDay() numbers of the weekly days off (Saturday 6, Sunday 0 for the five-day week). */
  weekendDays: number[];
  holidays: Array<{ date: IsoDate; name: string }>;
  /** Days off moved from a holiday that fell on a weekend (Labour Code), e.g. 2026-03-09 for 2026-03-08. */
  transferredDaysOff: Array<{ date: IsoDate; from: IsoDate }>;
  /** Weekend days made working days by a government decree (the other side of a swap). */
  workingWeekendDays: IsoDate[];
  provisional?: boolean;
}

export enum CalendarError {
  YEAR_MISSING = 'CALENDAR_YEAR_MISSING',
  BAD_DATE = 'CALENDAR_BAD_DATE',
}

export class CalendarFailure extends Error {
  constructor(readonly code: CalendarError, message: string) { super(message); }
}

export function toEpochDay(date: IsoDate): number {
  if (!ISO_DATE.test(date)) throw new CalendarFailure(CalendarError.BAD_DATE, `not a YYYY-MM-DD date: ${date}`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new CalendarFailure(CalendarError.BAD_DATE, `not a date: ${date}`);
  return Math.round(ms / DAY_MS);
}

export const fromEpochDay = (day: number): IsoDate => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The Kazakhstan calendar date of an instant. */
export const kzDate = (now: Date): IsoDate => new Date(now.getTime() + KZ_OFFSET_MS).toISOString().slice(0, 10);

export const addCalendarDays = (date: IsoDate, days: number): IsoDate => fromEpochDay(toEpochDay(date) + days);

export const daysBetween = (from: IsoDate, to: IsoDate): number => toEpochDay(to) - toEpochDay(from);

/** Same day and month `years` later; 29 February falls back to 28 February. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) return fromEpochDay(Math.round(Date.UTC(y + years, m, 0) / DAY_MS));
  return target.toISOString().slice(0, 10);
}

/** Working days from the yearly data; a year without data is an error, never a silent guess. */
export class WorkingCalendar {
  private readonly years = new Map<number, { weekend: Set<number>; off: Set<IsoDate>; working: Set<IsoDate>; provisional: boolean }>();

  constructor(years: readonly CalendarYear[]) {
    for (const y of years) {
      const off = new Set<IsoDate>([...y.holidays.map((h) => h.date), ...y.transferredDaysOff.map((t) => t.date)]);
      this.years.set(y.year, { weekend: new Set(y.weekendDays), off, working: new Set(y.workingWeekendDays), provisional: y.provisional === true });
    }
  }

  coveredYears(): number[] { return [...this.years.keys()].sort(); }

  isProvisional(year: number): boolean { return this.years.get(year)?.provisional === true; }

  isWorkingDay(date: IsoDate): boolean {
    const year = Number(date.slice(0, 4));
    const y = this.years.get(year);
    if (!y) throw new CalendarFailure(CalendarError.YEAR_MISSING, `no working-day calendar for ${year} (add config/calendar/kz-${year}.json)`);
    if (y.working.has(date)) return true;
    if (y.off.has(date)) return false;
    return !y.weekend.has(new Date(toEpochDay(date) * DAY_MS).getUTCDay());
  }

  /**
   * "Within N working days" of an act: the Nth working day after the act's date (the act's day
   * itself does not count, as with calendar days). That day is the last day the duty can be met.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    let day = toEpochDay(date);
    let left = n;
    while (left > 0) {
      day += 1;
      if (this.isWorkingDay(fromEpochDay(day))) left -= 1;
    }
    return fromEpochDay(day);
  }
}
