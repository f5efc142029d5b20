import path from 'node:path';
import { AlgorithmRegistry } from '@hub/algorithms';
import { preliminaryIndexes } from '@hub/perimeter';
import { projectRoot } from '@hub/platform';
import { ArrearsMonth, utilityFeatures, utilityWindow } from './utility.features';

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
});
