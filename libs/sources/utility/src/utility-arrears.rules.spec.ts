import { generateBin, seededRandom } from '@hub/identity';
import { ArrearsReport, UtilityArrearsRecord } from './utility-arrears';
import { summariseArrears } from './utility-arrears.profile';
import { UtilityRejection, isNonPayment, periodOf, validateUtilityArrears } from './utility-arrears.rules';

const now = new Date(Date.UTC(2026, 10, 1, 0, 30)); // half an hour into November
const id = generateBin(seededRandom(1), { year: 2015, month: 4 });
const supplierBin = generateBin(seededRandom(2), { year: 2001, month: 1 });
const record = (patch: Partial<UtilityArrearsRecord> = {}): UtilityArrearsRecord => ({
  id, supplierBin, supplierName: 'Vodokanal', serviceKind: 'WATER', billingPeriod: '2026-10', monthsOverdue: 2, amountOwedTiyn: 100, eventTime: now.getTime() - 1000, ...patch,
});
const code = (r: UtilityArrearsRecord, key: string | null = r.id) => {
  const v = validateUtilityArrears(r, key, now);
  return v.ok ? 'OK' : v.code;
};

describe('utility arrears rules', () => {
  it('accepts the current month and rejects the next one, in UTC', () => {
    expect(code(record({ billingPeriod: '2026-11' }))).toBe('OK');
    expect(code(record({ billingPeriod: '2026-12' }))).toBe(UtilityRejection.PERIOD_IN_FUTURE);
    expect(periodOf(now)).toBe('2026-11');
  });

  it('rejects malformed periods and a report recorded before its month began', () => {
    for (const p of ['2026-00', '2026-1', '26-10', '2026/10', '']) expect(code(record({ billingPeriod: p }))).toBe(UtilityRejection.PERIOD_FORMAT);
    expect(code(record({ billingPeriod: '2026-11', eventTime: Date.UTC(2026, 10, 1) - 1 }))).toBe(UtilityRejection.DATE_ORDER);
  });

  it('allows zero months and zero amount (a paid-off debt) but not negatives; a null key is not a mismatch', () => {
    expect(code(record({ monthsOverdue: 0, amountOwedTiyn: 0 }), null)).toBe('OK');
    expect(code(record({ monthsOverdue: -1 }))).toBe(UtilityRejection.NEGATIVE_MONTHS_OVERDUE);
    expect(code(record({ amountOwedTiyn: -1 }))).toBe(UtilityRejection.NEGATIVE_AMOUNT);
  });

  it('counts non-payment only past one month overdue (§24.10)', () => {
    expect([0, 1, 2, 3].map(isNonPayment)).toEqual([false, false, true, true]);
  });

  it('tolerates five minutes of clock skew on the event time', () => {
    expect(code(record({ eventTime: now.getTime() + 4 * 60_000 }))).toBe('OK');
    expect(code(record({ eventTime: now.getTime() + 6 * 60_000 }))).toBe(UtilityRejection.DATE_IN_FUTURE);
  });
});

describe('summariseArrears', () => {
  const report = (p: Partial<ArrearsReport>): ArrearsReport => ({
    id, supplierBin, supplierName: 'Vodokanal', serviceKind: 'WATER', billingPeriod: '2026-10', monthsOverdue: 2, amountOwedTiyn: 100, eventTime: now, ...p,
  });
  const window = { from: '2023-12', to: '2026-11' };

  it('is null without reports', () => {
    expect(summariseArrears([], window)).toBeNull();
  });

  it('keeps paid-off history out of outstanding and sums what is still owed', () => {
    const summary = summariseArrears([
      report({ billingPeriod: '2026-10', serviceKind: 'HEAT', monthsOverdue: 0, amountOwedTiyn: 0 }),
      report({ billingPeriod: '2026-10', monthsOverdue: 3, amountOwedTiyn: 300 }),
      report({ billingPeriod: '2026-09', serviceKind: 'HEAT', monthsOverdue: 2, amountOwedTiyn: 50 }),
      report({ billingPeriod: '2026-09', monthsOverdue: 1, amountOwedTiyn: 200 }),
    ], window);
    expect(summary?.nonPaymentCount).toBe(2);
    expect(summary?.outstanding).toEqual([expect.objectContaining({ serviceKind: 'WATER', billingPeriod: '2026-10', amountOwedTiyn: 300 })]);
    expect(summary?.outstandingTotalTiyn).toBe(300);
  });
});
