import { delinquencyDays, delinquencyPoints, rankRegions, taskColor } from './monitoring';

describe('task colors by date alone (NDIP §55)', () => {
  const due = '2026-06-30';
  it.each([
    ['2026-06-01', 'GREEN', '29 days left'],
    ['2026-06-20', 'GREEN', 'exactly 10 days left'],
    ['2026-06-21', 'YELLOW', '9 days left'],
    ['2026-06-30', 'YELLOW', 'due today'],
    ['2026-07-01', 'RED', 'a day overdue'],
  ])('today %s -> %s (%s)', (today, color) => {
    expect(taskColor(due, null, today)).toBe(color);
  });
  it('a completed task has no color', () => expect(taskColor(due, '2026-07-05', '2026-08-01')).toBeNull());
});

describe('delinquency points (NDIP §56)', () => {
  it.each([[0, 0], [1, 0.5], [5, 0.5], [6, 1], [15, 1], [16, 1.5], [100, 1.5]])('%i days -> %d points', (days, points) => {
    expect(delinquencyPoints(days)).toBe(points);
  });
  it('counts open tasks until today and completed ones until completion', () => {
    expect(delinquencyDays('2026-06-30', null, '2026-07-10')).toBe(10);
    expect(delinquencyDays('2026-06-30', '2026-07-02', '2026-07-10')).toBe(2);
    expect(delinquencyDays('2026-06-30', '2026-06-01', '2026-07-10')).toBe(0);
  });
});

describe('region ranking (NDIP §56)', () => {
  it('ranks fewer points first and breaks a tie by more projects', () => {
    const ranked = rankRegions([
      { regionKato: '750000000', projects: 3, points: 2 },
      { regionKato: '710000000', projects: 8, points: 2 },
      { regionKato: '790000000', projects: 1, points: 0.5 },
      { regionKato: '630000000', projects: 4, points: 4.5 },
    ]);
    expect(ranked.map((r) => [r.regionKato, r.rank])).toEqual([['790000000', 1], ['710000000', 2], ['750000000', 3], ['630000000', 4]]);
  });
});
