import path from 'node:path';
import { AlgorithmRegistry } from '@hub/algorithms';
import { preliminaryIndexes } from '@hub/perimeter';
import { projectRoot } from '@hub/platform';
import { TAX_CONFIDENTIAL_FEATURES, TaxSubject, taxFeatures, taxWindow } from './tax.features';

/**
 * Issue 13's domain assumptions, fixed, scored by the candidate versions that carry the new features
 * (algorithms-candidates/: not in force, as they did not beat the versions in force on both worlds).
 */
const now = new Date('2026-12-02T12:00:00Z');
const registry = new AlgorithmRegistry(path.join(projectRoot(), 'algorithms-candidates'));
const MILLION_KZT = 100_000_000; // tiyn

function subject(facts: Partial<NonNullable<TaxSubject['facts']>> = {}, lists: TaxSubject['lists'] = []): TaxSubject {
  return {
    id: '150140000017',
    facts: {
      registrationDate: '2015-03-01', deregistrationDate: null, suspensions: [], riskAudits: [], nonFilings: [], insolvencyProceedings: [],
      riskCategory: 'LOW', taxDebtTiyn: 0, liquidationAuditApplicationDate: null, sanctions: [], ...facts,
    },
    yearly: [2023, 2024, 2025].map((fiscalYear) => ({ fiscalYear, taxBurdenCoefficient: 0.09, taxesPaidTiyn: 9 * MILLION_KZT })),
    lists,
    financials: [2025, 2024, 2023].map((fiscalYear) => ({
      fiscalYear, totalAssets: 60 * MILLION_KZT, totalLiabilities: 24 * MILLION_KZT, totalCapital: 36 * MILLION_KZT, annualIncome: 100 * MILLION_KZT,
      taxableIncome: 8 * MILLION_KZT, vatRefund: 0, staffCount: 20, taxesPaid: 9 * MILLION_KZT,
    })),
  };
}

const risk = (s: TaxSubject, kind: 'FINANCIAL_STABILITY' | 'PAYMENT_DISCIPLINE'): number =>
  preliminaryIndexes(registry, 'TAX', [kind], { subjectId: s.id, features: taxFeatures(s, now), window: taxWindow(now) }, now)[0].riskValue;

describe('tax features where the world varies (issue 13)', () => {
  it('does not raise financial-stability risk for an owner closing a solvent firm, and does for a forced liquidation', () => {
    const ongoing = risk(subject(), 'FINANCIAL_STABILITY');
    const voluntary = subject({ liquidationAuditApplicationDate: '2026-10-01' });
    expect(taxFeatures(voluntary, now)).toMatchObject({ VOLUNTARY_LIQUIDATION: 1, FORCED_LIQUIDATION: 0 });
    expect(risk(voluntary, 'FINANCIAL_STABILITY')).toBe(ongoing);
    const forced = subject({ liquidationAuditApplicationDate: '2026-10-01', taxDebtTiyn: 2 * MILLION_KZT });
    expect(taxFeatures(forced, now)).toMatchObject({ VOLUNTARY_LIQUIDATION: 0, FORCED_LIQUIDATION: 1 });
    const sameDebtNoLiquidation = risk(subject({ taxDebtTiyn: 2 * MILLION_KZT }), 'FINANCIAL_STABILITY');
    expect(risk(forced, 'FINANCIAL_STABILITY')).toBeGreaterThan(sameDebtNoLiquidation * 2);
  });

  it('raises payment risk far less for a 20,000 KZT balance than for a 50 M KZT debt', () => {
    const clean = risk(subject(), 'PAYMENT_DISCIPLINE');
    const technical = risk(subject({ taxDebtTiyn: 20_000 * 100 }), 'PAYMENT_DISCIPLINE');
    const large = risk(subject({ taxDebtTiyn: 50 * MILLION_KZT }), 'PAYMENT_DISCIPLINE');
    expect(technical - clean).toBeLessThan(0.01);
    expect(large - clean).toBeGreaterThan(20 * (technical - clean));
    expect(large - clean).toBeGreaterThan(0.2);
  });

  it('grades the debt from the list threshold and keeps debt over turnover confidential', () => {
    expect(taxFeatures(subject({ taxDebtTiyn: 149_999 * 100 }), now).MATERIAL_TAX_DEBT).toBe(0);
    expect(taxFeatures(subject({ taxDebtTiyn: 150_000 * 100 }), now).MATERIAL_TAX_DEBT).toBe(1);
    expect(taxFeatures(subject({ taxDebtTiyn: 1_500_000 * 100 }), now).MATERIAL_TAX_DEBT).toBeCloseTo(2, 10);
    expect(taxFeatures(subject({ taxDebtTiyn: 5 * MILLION_KZT }), now).TAX_DEBT_TO_TURNOVER).toBeCloseTo(5, 10);
    expect(TAX_CONFIDENTIAL_FEATURES.has('TAX_DEBT_TO_TURNOVER')).toBe(true);
  });

  it('leaves out what it cannot know without financial statements, so it is not read as good (nor as the worst ratio)', () => {
    const unfiled = { ...subject({ taxDebtTiyn: 5 * MILLION_KZT }), financials: [] };
    const features = taxFeatures(unfiled, now);
    for (const code of ['LEVERAGE', 'LEVERAGE_GROWTH', 'VAT_REFUND_SHARE', 'TURNOVER_WITHOUT_STAFF', 'INCOME_DECLINE', 'TAX_DEBT_TO_TURNOVER']) expect(features[code]).toBeUndefined();
    // What the public facts say is still known: the debt, and the published tax-burden coefficient.
    expect(features).toMatchObject({ TAX_DEBT: 1, MATERIAL_TAX_DEBT: expect.any(Number), LOW_TAX_BURDEN: 0 });
    expect(taxFeatures({ ...subject(), financials: [] }, now).TAX_DEBT_TO_TURNOVER).toBe(0);
  });
});
