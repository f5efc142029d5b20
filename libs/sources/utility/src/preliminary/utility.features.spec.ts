import path from 'node:path';
import { AlgorithmRegistry, score } from '@hub/algorithms';
import { preliminaryIndexes } from '@hub/perimeter';
import { projectRoot } from '@hub/platform';
import { ArrearsMonth, arrearsSpells, utilityFeatures, utilityWindow } from './utility.features';

const now = new Date('2026-11-20T10:00:00Z');
const registry = new AlgorithmRegistry(path.join(projectRoot(), 'algorithms'));
const month = (billingPeriod: string, monthsOverdue: number): ArrearsMonth => ({ supplierBin: '010140000013', serviceKind: 'ELECTRICITY', billingPeriod, monthsOverdue });
const spell = (startMonth: number, months: number, year = 2026): ArrearsMonth[] =>
  Array.from({ length: months }, (_, i) => month(`${year}-${String(startMonth + i).padStart(2, '0')}`, i + 1));
const risk = (reports: ArrearsMonth[], kind: 'PAYMENT_DISCIPLINE' | 'FINANCIAL_STABILITY' = 'PAYMENT_DISCIPLINE') =>
  preliminaryIndexes(registry, 'UTILITY', [kind], { subjectId: 'x', features: utilityFeatures(reports, now), window: utilityWindow(now).days }, now)[0];

describe('utility preliminary indexes', () => {
  it('raises payment-discipline risk with more months overdue', () => {
    const none = risk([]).riskValue;
    const one = risk(spell(3, 1)).riskValue; // one month behind is not yet non-payment
    const three = risk(spell(3, 3)).riskValue;
    const six = risk(spell(3, 6)).riskValue;
    expect(one).toBeGreaterThanOrEqual(none);
    expect(three).toBeGreaterThan(one);
    expect(six).toBeGreaterThan(three);
    expect(risk(spell(3, 6)).category).not.toBe('LOW');
  });

  it('counts a paid-off spell less than one still outstanding, and forgets reports outside the window', () => {
    expect(risk([...spell(3, 4), month('2026-07', 0)]).riskValue).toBeLessThan(risk(spell(3, 4)).riskValue);
    expect(risk(spell(1, 6, 2023)).riskValue).toBe(risk([]).riskValue);
    expect(utilityWindow(now)).toMatchObject({ fromPeriod: '2023-11', toPeriod: '2026-10' });
  });

  it('counts how often the customer fell behind: each new spell once, per supplier and service, not each month (issue 13)', () => {
    const heat = (billingPeriod: string, monthsOverdue: number): ArrearsMonth => ({ ...month(billingPeriod, monthsOverdue), serviceKind: 'HEAT' });
    expect(arrearsSpells(spell(3, 4))).toBe(1);
    expect(arrearsSpells([...spell(1, 2), month('2026-03', 0), ...spell(5, 1), ...spell(8, 2)])).toBe(3);
    // Electricity and heat behind in the same months: two bills unpaid, two spells.
    expect(arrearsSpells([...spell(3, 2), heat('2026-03', 1), heat('2026-04', 2)])).toBe(2);
    // A spell already running when the window opens counts once.
    expect(arrearsSpells([month('2026-01', 5), month('2026-02', 6)])).toBe(1);
    expect(utilityFeatures([], now).REPEATED_ARREARS).toBe(0);
    expect(utilityFeatures(spell(3, 4), now).REPEATED_ARREARS).toBe(0);
    expect(utilityFeatures([...spell(1, 2), month('2026-03', 0), ...spell(5, 1)], now).REPEATED_ARREARS).toBe(1);
  });

  it('ranks a customer late again and again above one late once, each paying within the month (payment discipline is frequency too)', () => {
    // The version calibrated with REPEATED_ARREARS (issue 13's second round), in force from December 2026.
    const algorithm = registry.inForce('utility.payment-discipline', new Date('2027-01-01T00:00:00Z'));
    const at = (reports: ArrearsMonth[]) => score(algorithm, utilityFeatures(reports, now)).riskValue;
    const once = [...spell(3, 1), month('2026-04', 0)];
    const often = [...spell(1, 1), month('2026-02', 0), ...spell(4, 1), month('2026-05', 0), ...spell(7, 1), month('2026-08', 0)];
    expect(at(often)).toBeGreaterThan(at(once));
    expect(at(once)).toBeGreaterThan(at([]));
  });
});
