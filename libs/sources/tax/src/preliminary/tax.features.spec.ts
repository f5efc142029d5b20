import path from 'node:path';
import { AlgorithmRegistry } from '@hub/algorithms';
import { preliminaryIndexes } from '@hub/perimeter';
import { projectRoot } from '@hub/platform';
import { TaxSubject, taxFeatures, taxWindow } from './tax.features';

const now = new Date('2026-11-20T10:00:00Z');
const registry = new AlgorithmRegistry(path.join(projectRoot(), 'algorithms'));
const MILLION_KZT = 100_000_000; // tiyn

function subject(overrides: Partial<TaxSubject> = {}): TaxSubject {
  return {
    id: '150140000017',
    facts: {
      registrationDate: '2015-03-01', deregistrationDate: null, suspensions: [], riskAudits: [], nonFilings: [], insolvencyProceedings: [],
      riskCategory: 'LOW', taxDebtTiyn: 0, liquidationAuditApplicationDate: null, sanctions: [],
    },
    yearly: [2023, 2024, 2025].map((fiscalYear) => ({ fiscalYear, taxBurdenCoefficient: 0.09, taxesPaidTiyn: 9 * MILLION_KZT })),
    lists: [],
    financials: [2025, 2024, 2023].map((fiscalYear) => ({
      fiscalYear, totalAssets: 60 * MILLION_KZT, totalLiabilities: 24 * MILLION_KZT, totalCapital: 36 * MILLION_KZT, annualIncome: 100 * MILLION_KZT,
      taxableIncome: 8 * MILLION_KZT, vatRefund: 0, staffCount: 20, taxesPaid: 9 * MILLION_KZT,
    })),
    ...overrides,
  };
}

const risk = (s: TaxSubject, kind: 'CONSCIENTIOUSNESS' | 'FINANCIAL_STABILITY' | 'PAYMENT_DISCIPLINE') => {
  const [index] = preliminaryIndexes(registry, 'TAX', [kind], { subjectId: s.id, features: taxFeatures(s, now), window: taxWindow(now) }, now);
  return index;
};

describe('tax preliminary indexes', () => {
  it('rates an ordinary, paying, staffed taxpayer LOW on every index', () => {
    for (const kind of ['CONSCIENTIOUSNESS', 'FINANCIAL_STABILITY', 'PAYMENT_DISCIPLINE'] as const) expect(risk(subject(), kind).category).toBe('LOW');
  });

  it('raises conscientiousness risk when the taxpayer is put on the pseudo-enterprise list, and less once excluded', () => {
    const base = risk(subject(), 'CONSCIENTIOUSNESS');
    const listed = risk(subject({ lists: [{ list: 'PSEUDO_ENTERPRISE', includedOn: '2026-05-01', excludedOn: null }] }), 'CONSCIENTIOUSNESS');
    const excluded = risk(subject({ lists: [{ list: 'PSEUDO_ENTERPRISE', includedOn: '2025-05-01', excludedOn: '2026-02-01' }] }), 'CONSCIENTIOUSNESS');
    expect(listed.riskValue).toBeGreaterThan(base.riskValue);
    expect(listed.category).toBe('HIGH');
    expect(listed.factors[0].code).toBe('PSEUDO_ENTERPRISE_LISTED');
    expect(excluded.riskValue).toBeGreaterThan(base.riskValue);
    expect(excluded.riskValue).toBeLessThan(listed.riskValue);
  });

  it('raises conscientiousness risk with a low tax burden, VAT refunds out of proportion and turnover without staff', () => {
    const base = risk(subject(), 'CONSCIENTIOUSNESS').riskValue;
    const fin = subject().financials;
    expect(risk(subject({ financials: fin.map((y) => ({ ...y, taxesPaid: 2 * MILLION_KZT })) }), 'CONSCIENTIOUSNESS').riskValue).toBeGreaterThan(base);
    expect(risk(subject({ financials: fin.map((y) => ({ ...y, vatRefund: 3 * MILLION_KZT })) }), 'CONSCIENTIOUSNESS').riskValue).toBeGreaterThan(base);
    expect(risk(subject({ financials: fin.map((y) => ({ ...y, staffCount: 1, annualIncome: 900 * MILLION_KZT, taxesPaid: 81 * MILLION_KZT })) }), 'CONSCIENTIOUSNESS').riskValue)
      .toBeGreaterThan(base);
  });

  it('raises financial-stability risk as liabilities outgrow assets and income falls', () => {
    const base = risk(subject(), 'FINANCIAL_STABILITY');
    const worse = risk(subject({
      financials: subject().financials.map((y, i) => ({ ...y, totalLiabilities: (70 - 15 * i) * MILLION_KZT, totalCapital: (60 - 70 + 15 * i) * MILLION_KZT, annualIncome: (50 + 25 * i) * MILLION_KZT })),
    }), 'FINANCIAL_STABILITY');
    expect(worse.riskValue).toBeGreaterThan(base.riskValue);
    expect(worse.factors.map((f) => f.code)).toEqual(expect.arrayContaining(['INCOME_DECLINE', 'NEGATIVE_EQUITY']));
  });

  it('raises payment-discipline risk with a tax debt and the tax-debtor list', () => {
    const base = risk(subject(), 'PAYMENT_DISCIPLINE').riskValue;
    const facts = { ...subject().facts!, taxDebtTiyn: 5 * MILLION_KZT };
    const debt = risk(subject({ facts }), 'PAYMENT_DISCIPLINE').riskValue;
    const listed = risk(subject({ facts, lists: [{ list: 'TAX_DEBTOR', includedOn: '2026-06-01', excludedOn: null }] }), 'PAYMENT_DISCIPLINE').riskValue;
    expect(debt).toBeGreaterThan(base);
    expect(listed).toBeGreaterThan(debt);
  });

  it('lets out no amount: features are bounded ratios and flags, factors carry only codes and words', () => {
    const s = subject({ financials: subject().financials.map((y) => ({ ...y, vatRefund: 77_123_456_789 })) });
    for (const v of Object.values(taxFeatures(s, now))) expect(Math.abs(v)).toBeLessThanOrEqual(10);
    const index = risk(s, 'CONSCIENTIOUSNESS');
    expect(JSON.stringify(index)).not.toMatch(/77123456789|771234567/);
    expect(index).toMatchObject({ source: 'TAX', algorithm: 'tax.conscientiousness', algorithmVersion: '2026.1', windowFrom: taxWindow(now).from });
  });

  it('falls back on the published tax-burden coefficient when no financials arrived', () => {
    const low = taxFeatures(subject({ financials: [], yearly: [{ fiscalYear: 2025, taxBurdenCoefficient: 0.01, taxesPaidTiyn: 1 }] }), now);
    expect(low.LOW_TAX_BURDEN).toBeGreaterThan(0.8);
  });
});
