import path from 'node:path';
import { AlgorithmRegistry } from '@hub/algorithms';
import { preliminaryIndexes } from '@hub/perimeter';
import { projectRoot } from '@hub/platform';
import { RegistrationFacts, justiceFeatures, justiceWindow } from './justice.features';

const now = new Date('2026-11-20T10:00:00Z');
const registry = new AlgorithmRegistry(path.join(projectRoot(), 'algorithms'));
const facts = (o: Partial<RegistrationFacts> = {}): RegistrationFacts => ({ status: 'ACTIVE', initialRegistrationDate: '2012-05-04', lastReregistrationDate: null, otherLiveFirmsAtAddress: 0, otherLiveFirmsSharingFounder: 0, otherLiveFirmsWithHeadName: 0, reregistrationDates: [], ...o });
const risk = (f: RegistrationFacts, kind: 'CONSCIENTIOUSNESS' | 'FINANCIAL_STABILITY') =>
  preliminaryIndexes(registry, 'JUSTICE', [kind], { subjectId: 'x', features: justiceFeatures(f, now), window: justiceWindow(f, now) }, now)[0];

describe('justice preliminary indexes', () => {
  it('raises conscientiousness risk for a young company and for a recent re-registration', () => {
    const old = risk(facts(), 'CONSCIENTIOUSNESS').riskValue;
    expect(risk(facts({ initialRegistrationDate: '2026-06-01' }), 'CONSCIENTIOUSNESS').riskValue).toBeGreaterThan(old);
    expect(risk(facts({ lastReregistrationDate: '2026-02-01' }), 'CONSCIENTIOUSNESS').riskValue).toBeGreaterThan(old);
  });

  it('counts age in whole months, so the value does not give the registration day away', () => {
    expect(justiceFeatures(facts({ initialRegistrationDate: '2025-06-22' }), now).YOUNG_COMPANY)
      .toBe(justiceFeatures(facts({ initialRegistrationDate: '2025-06-28' }), now).YOUNG_COMPANY);
    expect(justiceFeatures(facts({ initialRegistrationDate: '2025-06-22' }), now).YOUNG_COMPANY)
      .toBeLessThan(justiceFeatures(facts({ initialRegistrationDate: '2025-07-28' }), now).YOUNG_COMPANY);
  });

  it('rates a company in liquidation HIGH on financial stability', () => {
    const liquidating = risk(facts({ status: 'IN_LIQUIDATION' }), 'FINANCIAL_STABILITY');
    expect(liquidating.riskValue).toBeGreaterThan(risk(facts(), 'FINANCIAL_STABILITY').riskValue);
    expect(liquidating.category).toBe('HIGH');
    expect(liquidating.factors[0]).toMatchObject({ code: 'IN_LIQUIDATION', explanation: expect.any(String) });
    expect(liquidating.windowFrom).toBe(Math.floor(Date.parse('2012-05-04') / 86_400_000));
  });
});
