import { CalendarError, CalendarFailure, WorkingCalendar, addYears, kzDate } from './calendar';
import { deps } from './test-kit';

const cal = deps.calendar;

describe('working-day calendar from config/calendar/kz-YYYY.json', () => {
  it.each([
    ['2026-03-08', false, 'holiday on a Sunday'],
    ['2026-03-09', false, 'transferred day off for 8 March'],
    ['2026-03-10', true, 'ordinary Tuesday'],
    ['2026-03-23', false, 'Nauryz'],
    ['2026-03-24', false, 'transferred from Nauryz on Saturday'],
    ['2026-03-25', false, 'transferred from Nauryz on Sunday'],
    ['2026-05-11', false, 'transferred from Victory Day on Saturday'],
    ['2026-05-27', false, 'Kurban Ait'],
    ['2026-12-16', false, 'Independence Day'],
    ['2026-12-17', true, 'Thursday after'],
    ['2026-12-19', false, 'Saturday'],
  ])('%s working=%s (%s)', (date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  it.each([
    ['2026-03-06', 1, '2026-03-10', 'Friday + 1 skips the weekend and the transferred 9 March'],
    ['2026-03-19', 5, '2026-03-31', 'across Nauryz (23 March) and its two transferred days off'],
    ['2026-12-15', 1, '2026-12-17', 'across Independence Day'],
    ['2026-05-08', 1, '2026-05-12', 'across the weekend and transferred 11 May'],
    ['2026-12-30', 3, '2027-01-06', 'across the year end, New Year and the 2027 transferred 4 January'],
    ['2026-03-10', 5, '2026-03-17', 'a plain week'],
  ])('%s + %i working days = %s (%s)', (from, n, expected) => {
    expect(cal.addWorkingDays(from, n)).toBe(expected);
  });

  it('honours a weekend day made working by a swap decree', () => {
    const c = new WorkingCalendar([{ year: 2030, weekendDays: [6, 0], holidays: [], transferredDaysOff: [], workingWeekendDays: ['2030-01-05'] }]);
    expect(c.isWorkingDay('2030-01-05')).toBe(true);
    expect(c.addWorkingDays('2030-01-04', 1)).toBe('2030-01-05');
  });

  it('refuses to guess a year it has no data for', () => {
    const c = new WorkingCalendar([]);
    expect(() => c.isWorkingDay('2026-01-05')).toThrow(CalendarFailure);
    try { c.isWorkingDay('2026-01-05'); } catch (e) { expect((e as CalendarFailure).code).toBe(CalendarError.YEAR_MISSING); }
  });

  it('marks 2027 as provisional and 2026 as confirmed', () => {
    expect(cal.isProvisional(2027)).toBe(true);
    expect(cal.isProvisional(2026)).toBe(false);
  });

  it('takes the Kazakhstan date of an instant (UTC+5) and adds years', () => {
    expect(kzDate(new Date('2026-03-01T18:59:59Z'))).toBe('2026-03-01');
    expect(kzDate(new Date('2026-03-01T19:00:00Z'))).toBe('2026-03-02');
    expect(addYears('2026-04-15', 3)).toBe('2029-04-15');
    expect(addYears('2028-02-29', 3)).toBe('2031-02-28');
  });
});
