import path from 'node:path';
import { AlgorithmRegistry } from '@hub/algorithms';
import { preliminaryIndexes } from '@hub/perimeter';
import { projectRoot } from '@hub/platform';
import { PopulationStatistics } from '@hub/perimeter';
import { subjectSizes } from '../subject-size.rules';
import { CourtCaseFact, MIN_FIRMS_PER_SIZE, courtFeatures, courtWindow, debtCaseRates } from './court.features';

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
  // The newest versions in algorithms/ (calibrated without the raw counts, in force since 2026-12-02).
  const inForce = new AlgorithmRegistry(path.join(projectRoot(), 'algorithms'));
  const newest = new Date('2100-01-01T00:00:00Z');
  const cases = (debt: number, plaintiff: number, other: number): CourtCaseFact[] => [
    ...Array.from({ length: debt }, () => ({ partyRole: 'DEFENDANT' as const, caseCategory: 'DEBT_COLLECTION' as const, actDate: '2026-05-01', outcome: 'SATISFIED' as const })),
    ...Array.from({ length: plaintiff }, () => ({ partyRole: 'PLAINTIFF' as const, caseCategory: 'DEBT_COLLECTION' as const, actDate: '2026-05-01', outcome: 'SATISFIED' as const })),
    ...Array.from({ length: other }, () => ({ partyRole: 'DEFENDANT' as const, caseCategory: 'CONTRACT_DISPUTE' as const, actDate: '2026-05-01', outcome: 'DENIED' as const })),
  ];
  const riskAfter = (c: CourtCaseFact[], kind: 'PAYMENT_DISCIPLINE' | 'FINANCIAL_STABILITY') =>
    preliminaryIndexes(inForce, 'COURT', [kind], { subjectId: 'x', features: courtFeatures(c, after), window: courtWindow(after) }, newest)[0].riskValue;

  it('does not rate a large firm with many cases riskier than a small one with the same mix of cases', () => {
    // Large firms are in court about 20 times as often in every role (the heterogeneous world's assumption).
    for (const kind of ['PAYMENT_DISCIPLINE', 'FINANCIAL_STABILITY'] as const) {
      expect(riskAfter(cases(20, 30, 10), kind)).toBeLessThanOrEqual(riskAfter(cases(1, 2, 0), kind) + 1e-12);
    }
  });

  it('still rates a firm mostly sued for debt above one that mostly sues', () => {
    expect(riskAfter(cases(4, 0, 0), 'PAYMENT_DISCIPLINE')).toBeGreaterThan(riskAfter(cases(4, 8, 0), 'PAYMENT_DISCIPLINE') * 2);
    expect(courtFeatures(cases(3, 1, 0), after)).toMatchObject({ DEBT_CASE_SHARE: 0.75, DEBT_CASES_BEYOND_OTHERS: Math.log2(3) });
  });

  it('counts debt cases against what is usual for the size class: the same rate reads the same for a small and a large firm', () => {
    const rates = debtCaseRates([{ band: 'SMALL', firms: 400, debtCases: 400 }, { band: 'LARGE', firms: 50, debtCases: 400 }, { band: 'MEDIUM', firms: MIN_FIRMS_PER_SIZE - 1, debtCases: 90 }]);
    expect([...rates]).toEqual([['SMALL', 1], ['LARGE', 8]]);
    const riskFor = (c: CourtCaseFact[], rate: number | null) =>
      preliminaryIndexes(inForce, 'COURT', ['PAYMENT_DISCIPLINE'], { subjectId: 'x', features: courtFeatures(c, after, rate), window: courtWindow(after) }, newest)[0].riskValue;
    // A large firm with eight times the cases of a small one, in every role, at its size's usual rate.
    const large = courtFeatures(cases(8, 16, 8), after, rates.get('LARGE'));
    const small = courtFeatures(cases(1, 2, 1), after, rates.get('SMALL'));
    expect(large.DEBT_CASES_FOR_SIZE).toBe(small.DEBT_CASES_FOR_SIZE);
    expect(riskFor(cases(8, 16, 8), 8)).toBeLessThanOrEqual(riskFor(cases(1, 2, 1), 1) + 1e-12);
    // The same four debt cases weigh more for a firm of a size that is rarely sued.
    expect(riskFor(cases(4, 0, 0), 0.5)).toBeGreaterThan(riskFor(cases(4, 0, 0), 8));
    // Size unknown: the feature is left out (unknown), not 0.
    expect(courtFeatures(cases(4, 0, 0), after).DEBT_CASES_FOR_SIZE).toBeUndefined();
  });

  it('learns the size class from the statistics facts on bpr.facts.v1 and reads the rates of the current population, recomputed when stale', async () => {
    const fact = { subjectId: '150140009650', kind: 'STATISTICS' as const, itemKey: '', eventTime: 1, storedAt: 1, facts: JSON.stringify({ sizeClassCode: '165' }) };
    expect(subjectSizes([fact, { ...fact, kind: 'REGISTRATION' }, { ...fact, facts: '{' }]).map((s) => s.value)).toEqual(['LARGE']);
    let loads = 0;
    const stats = new PopulationStatistics(async () => { loads++; return new Map([['SMALL', loads]]); }, 60_000, 10_000);
    const t = (s: number) => new Date(Date.UTC(2026, 11, 2, 12, 0, s));
    expect((await stats.at(t(0), ['SMALL'])).get('SMALL')).toBe(1);
    await stats.at(t(5), ['SMALL', 'LARGE']);
    expect(loads).toBe(1);
    await stats.at(t(15), ['LARGE']);
    expect(loads).toBe(2);
    await stats.at(t(30), ['SMALL']);
    expect(loads).toBe(2);
  });
});
