import path from 'node:path';
import { AlgorithmRegistry } from '@hub/algorithms';
import { preliminaryIndexes } from '@hub/perimeter';
import { projectRoot } from '@hub/platform';
import { CourtCaseFact, courtFeatures, courtWindow } from './court.features';

const now = new Date('2026-11-20T10:00:00Z');
const registry = new AlgorithmRegistry(path.join(projectRoot(), 'algorithms'));
const debtCase = (actDate: string): CourtCaseFact => ({ partyRole: 'DEFENDANT', caseCategory: 'DEBT_COLLECTION', actDate, outcome: 'SATISFIED' });
const risk = (cases: CourtCaseFact[], kind: 'PAYMENT_DISCIPLINE' | 'FINANCIAL_STABILITY') =>
  preliminaryIndexes(registry, 'COURT', [kind], { subjectId: 'x', features: courtFeatures(cases, now), window: courtWindow(now) }, now)[0].riskValue;

describe('court preliminary indexes', () => {
  it('raises payment-discipline risk with each debt-collection case as defendant in the last three years', () => {
    const none = risk([], 'PAYMENT_DISCIPLINE');
    const one = risk([debtCase('2025-04-01')], 'PAYMENT_DISCIPLINE');
    const three = risk([debtCase('2025-04-01'), debtCase('2024-02-01'), debtCase('2026-09-01')], 'PAYMENT_DISCIPLINE');
    expect(one).toBeGreaterThan(none);
    expect(three).toBeGreaterThan(one);
  });

  it('ignores cases older than three years and cases the entity brought itself', () => {
    expect(risk([debtCase('2023-01-10')], 'PAYMENT_DISCIPLINE')).toBe(risk([], 'PAYMENT_DISCIPLINE'));
    expect(courtFeatures([{ ...debtCase('2026-01-10'), partyRole: 'PLAINTIFF' }], now).DEBT_CASES_AS_DEFENDANT).toBe(0);
  });

  it('raises financial-stability risk with a bankruptcy case', () => {
    expect(risk([{ partyRole: 'DEFENDANT', caseCategory: 'BANKRUPTCY', actDate: '2026-03-01', outcome: 'SATISFIED' }], 'FINANCIAL_STABILITY'))
      .toBeGreaterThan(risk([], 'FINANCIAL_STABILITY') + 0.3);
  });
});
