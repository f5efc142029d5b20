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

describe('court features where the world varies (issue 13)', () => {
  const after = new Date('2026-12-02T12:00:00Z');
  // The candidate versions carrying the new features (not in force: they did not beat 2026.1 on both worlds).
  const candidates = new AlgorithmRegistry(path.join(projectRoot(), 'algorithms-candidates'));
  const cases = (debt: number, plaintiff: number, other: number): CourtCaseFact[] => [
    ...Array.from({ length: debt }, () => ({ partyRole: 'DEFENDANT' as const, caseCategory: 'DEBT_COLLECTION' as const, actDate: '2026-05-01', outcome: 'SATISFIED' as const })),
    ...Array.from({ length: plaintiff }, () => ({ partyRole: 'PLAINTIFF' as const, caseCategory: 'DEBT_COLLECTION' as const, actDate: '2026-05-01', outcome: 'SATISFIED' as const })),
    ...Array.from({ length: other }, () => ({ partyRole: 'DEFENDANT' as const, caseCategory: 'CONTRACT_DISPUTE' as const, actDate: '2026-05-01', outcome: 'DENIED' as const })),
  ];
  const riskAfter = (c: CourtCaseFact[], kind: 'PAYMENT_DISCIPLINE' | 'FINANCIAL_STABILITY') =>
    preliminaryIndexes(candidates, 'COURT', [kind], { subjectId: 'x', features: courtFeatures(c, after), window: courtWindow(after) }, after)[0].riskValue;

  it('does not rate a large firm with many cases riskier than a small one with the same mix of cases', () => {
    // Large firms are in court about 20 times as often in every role (the heterogeneous world's assumption).
    for (const kind of ['PAYMENT_DISCIPLINE', 'FINANCIAL_STABILITY'] as const) {
      expect(riskAfter(cases(20, 30, 10), kind)).toBeLessThanOrEqual(riskAfter(cases(1, 2, 0), kind) + 1e-12);
    }
  });

  it('still rates a firm mostly sued for debt above one that mostly sues', () => {
    expect(riskAfter(cases(4, 0, 0), 'PAYMENT_DISCIPLINE')).toBeGreaterThan(riskAfter(cases(4, 8, 0), 'PAYMENT_DISCIPLINE') + 0.2);
    expect(courtFeatures(cases(3, 1, 0), after)).toMatchObject({ DEBT_CASE_SHARE: 0.75, DEBT_CASES_BEYOND_OTHERS: Math.log2(3) });
  });
});
