import path from 'node:path';
import { AlgorithmRegistry } from '@hub/algorithms';
import { preliminaryIndexes } from '@hub/perimeter';
import { projectRoot } from '@hub/platform';
import { TAX_CONFIDENTIAL_FEATURES, TaxSubject, changeOverWindow, taxFeatures, taxWindow } from './tax.features';

/**
 * Issue 13's domain assumptions, fixed, scored by the newest versions in algorithms/ (the calibrated
 * round in force since 2026-12-02; a far-future clock picks the newest, so a version that puts a wrong
 * assumption back fails here before it is rolled out).
 */
const now = new Date('2026-12-02T12:00:00Z');
const newest = new Date('2100-01-01T00:00:00Z');
const registry = new AlgorithmRegistry(path.join(projectRoot(), 'algorithms'));
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
  preliminaryIndexes(registry, 'TAX', [kind], { subjectId: s.id, features: taxFeatures(s, now), window: taxWindow(now) }, newest)[0].riskValue;

describe('tax features where the world varies (issue 13)', () => {
  it('does not raise financial-stability risk for an owner closing a solvent firm, and does for a forced liquidation', () => {
    const ongoing = risk(subject(), 'FINANCIAL_STABILITY');
    const voluntary = subject({ liquidationAuditApplicationDate: '2026-10-01' });
    expect(taxFeatures(voluntary, now)).toMatchObject({ VOLUNTARY_LIQUIDATION: 1, FORCED_LIQUIDATION: 0 });
    expect(risk(voluntary, 'FINANCIAL_STABILITY')).toBe(ongoing);
    const forced = subject({ liquidationAuditApplicationDate: '2026-10-01', taxDebtTiyn: 2 * MILLION_KZT });
    expect(taxFeatures(forced, now)).toMatchObject({ VOLUNTARY_LIQUIDATION: 0, FORCED_LIQUIDATION: 1 });
    // Calibrated, a forced liquidation adds nothing beyond the debt that makes it forced (the sample
    // gave FORCED_LIQUIDATION no weight of its own): never less than that debt alone, well above a healthy firm.
    const sameDebtNoLiquidation = risk(subject({ taxDebtTiyn: 2 * MILLION_KZT }), 'FINANCIAL_STABILITY');
    expect(risk(forced, 'FINANCIAL_STABILITY')).toBeGreaterThanOrEqual(sameDebtNoLiquidation);
    expect(risk(forced, 'FINANCIAL_STABILITY')).toBeGreaterThan(ongoing * 2);
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

  it('reads income against its best year, not only the first against the last', () => {
    const withIncomes = (incomes: number[]): TaxSubject => {
      const base = subject();
      return { ...base, financials: base.financials.map((y, i) => ({ ...y, annualIncome: incomes[i] * MILLION_KZT })) };
    };
    // Newest first: 100 now and three years ago, 160 in between - a fall the first/last reading misses.
    const dipped = taxFeatures(withIncomes([100, 160, 100]), now);
    expect(dipped.INCOME_DECLINE).toBe(0);
    expect(dipped.INCOME_FALL_FROM_PEAK).toBeCloseTo(60 / 160, 10);
    expect(taxFeatures(withIncomes([100, 120, 140]), now).INCOME_FALL_FROM_PEAK).toBeCloseTo(40 / 140, 10);
    expect(taxFeatures(withIncomes([140, 120, 100]), now).INCOME_FALL_FROM_PEAK).toBe(0);
    // The trend of a series uses every year: a fall of 30 in the first year and flat since reads 27, a steady fall of 30 reads 30.
    expect(changeOverWindow([{ year: 2022, value: 130 }, { year: 2023, value: 100 }, { year: 2024, value: 100 }, { year: 2025, value: 100 }])).toBeCloseTo(-27, 10);
    expect(changeOverWindow([{ year: 2022, value: 130 }, { year: 2023, value: 120 }, { year: 2024, value: 110 }, { year: 2025, value: 100 }])).toBeCloseTo(-30, 10);
    expect(changeOverWindow([{ year: 2025, value: 1 }])).toBeNull();
  });

  it('sees falling margins and equity that income alone does not show', () => {
    const base = subject();
    // Same income every year; the taxable margin falls 12 % -> 8 % -> 4 % and equity 36 -> 24 -> 12 M KZT.
    const squeezed: TaxSubject = { ...base, financials: base.financials.map((y, i) => ({ ...y, taxableIncome: (4 + 4 * i) * MILLION_KZT, totalCapital: (12 + 12 * i) * MILLION_KZT })) };
    const features = taxFeatures(squeezed, now);
    expect(features.INCOME_DECLINE).toBe(0);
    expect(features.MARGIN_DECLINE).toBeCloseTo(0.08, 10);
    expect(features.EQUITY_DECLINE).toBeCloseTo(24 / 24, 10);
    expect(taxFeatures(base, now)).toMatchObject({ MARGIN_DECLINE: 0, EQUITY_DECLINE: 0, INCOME_FALL_FROM_PEAK: 0 });
    for (const code of ['INCOME_FALL_FROM_PEAK', 'MARGIN_DECLINE', 'EQUITY_DECLINE']) expect(TAX_CONFIDENTIAL_FEATURES.has(code)).toBe(true);
    // One fiscal year has no trend: left out (unknown), not read as "no decline".
    expect(taxFeatures({ ...base, financials: base.financials.slice(0, 1) }, now).MARGIN_DECLINE).toBeUndefined();
  });
});
