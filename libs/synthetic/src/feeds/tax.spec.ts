import { BinAttribute, BinEntityType, Random, generateBin, seededRandom } from '@hub/identity';
import { validateTaxFacts, validateTaxFinancials, validateTaxListMembership } from '@hub/source-tax';
import type { SyntheticEntity } from '../population';
import { REGIONS } from '../regions';
import { taxFactsFeed, taxFinancialsFeed, taxFiscalYears, taxListsFeed } from './tax';

const NOW = new Date(Date.UTC(2026, 4, 20));

function entity(random: Random, i: number): SyntheticEntity {
  const fictitiousInvoicing = random() ** 2;
  const insolvency = random() ** 2;
  const year = 2005 + (i % 15);
  return {
    id: generateBin(random, { year, month: 1 + (i % 12) }, BinEntityType.RESIDENT_LEGAL_ENTITY, BinAttribute.HEAD_OFFICE),
    kind: 'LEGAL_ENTITY',
    region: REGIONS[i % REGIONS.length],
    registeredOn: new Date(Date.UTC(year, i % 12, 1)),
    okedPrimary: '46900',
    sizeClass: (i % 4) as 0 | 1 | 2 | 3,
    risk: { fictitiousInvoicing, insolvency, paymentDefault: random() },
    outcomes: { pseudoEnterprise: random() < fictitiousInvoicing * 0.8, bankrupt: random() < insolvency * 0.6, paymentDefault: false },
  };
}

function population(seed: number, n: number): SyntheticEntity[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => entity(random, i));
}

function pearson(xs: number[], ys: number[]): number {
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  let num = 0;
  let dx = 0;
  let dy = 0;
  xs.forEach((x, i) => { num += (x - mx) * (ys[i] - my); dx += (x - mx) ** 2; dy += (ys[i] - my) ** 2; });
  return num / Math.sqrt(dx * dy);
}

describe('synthetic tax feeds', () => {
  const entities = population(42, 1500);
  const random = seededRandom(7);
  const facts = entities.map((e) => taxFactsFeed.records(e, random, NOW)[0].value);
  const financials = entities.map((e) => taxFinancialsFeed.records(e, random, NOW).map((r) => r.value));
  const lists = entities.map((e) => taxListsFeed.records(e, random, NOW).map((r) => r.value));
  const fi = entities.map((e) => e.risk.fictitiousInvoicing);
  const insolvency = entities.map((e) => e.risk.insolvency);

  it('is deterministic for a seeded random source', () => {
    const again = population(42, 50);
    const a = again.map((e) => [taxFactsFeed, taxFinancialsFeed, taxListsFeed].map((g) => g.records(e, seededRandom(1), NOW)));
    const b = again.map((e) => [taxFactsFeed, taxFinancialsFeed, taxListsFeed].map((g) => g.records(e, seededRandom(1), NOW)));
    expect(a).toEqual(b);
  });

  it('produces records the tax perimeter accepts, keyed by the BIN', () => {
    entities.forEach((e, i) => {
      for (const f of [facts[i]]) expect(validateTaxFacts(f, e.id, NOW)).toMatchObject({ ok: true });
      for (const f of financials[i]) expect(validateTaxFinancials(f, e.id, NOW)).toMatchObject({ ok: true });
      for (const l of lists[i]) expect(validateTaxListMembership(l, e.id, NOW)).toMatchObject({ ok: true });
    });
  });

  it('gives three closed fiscal years of financials, agreeing with the public taxes paid', () => {
    expect(taxFiscalYears(NOW)).toEqual([2023, 2024, 2025]);
    financials.forEach((years, i) => {
      expect(years.map((y) => y.fiscalYear)).toEqual([2023, 2024, 2025]);
      for (const y of years) {
        const paid = facts[i].yearly.find((p) => p.fiscalYear === y.fiscalYear)?.taxesPaidTiyn;
        expect(y.taxesByType.reduce((s, t) => s + t.amount, 0)).toBe(paid);
      }
    });
  });

  it('puts plausible tenge magnitudes by size class', () => {
    const medianIncomeKzt = (cls: number) => {
      const v = financials.filter((_, i) => entities[i].sizeClass === cls).map((y) => y[2].annualIncome / 100).sort((a, b) => a - b);
      return v[Math.floor(v.length / 2)];
    };
    expect(medianIncomeKzt(0)).toBeGreaterThan(1e6);
    expect(medianIncomeKzt(0)).toBeLessThan(1e8);
    expect(medianIncomeKzt(3)).toBeGreaterThan(1e10);
    expect(medianIncomeKzt(1)).toBeLessThan(medianIncomeKzt(2));
  });

  it('lets fictitious invoicing lower the tax burden and staff and raise VAT refunds against income', () => {
    const burden = facts.map((f) => f.yearly[2].taxBurdenCoefficient ?? 0);
    const refundShare = financials.map((y) => y[2].vatRefund / y[2].annualIncome);
    // Staff relative to its size class's range, so size does not mask the signal.
    const staffRank = financials.map((y, i) => y[2].staffCount / [15, 100, 250, 5000][entities[i].sizeClass]);
    expect(pearson(fi, burden)).toBeLessThan(-0.5);
    expect(pearson(fi, refundShare)).toBeGreaterThan(0.5);
    expect(pearson(fi, staffRank)).toBeLessThan(-0.3);
  });

  it('lists pseudo-enterprises only among those that turn out to be one, and only some of them', () => {
    const listed = (l: string) => lists.map((ms) => ms.some((m) => m.list === l));
    const pseudo = listed('PSEUDO_ENTERPRISE');
    entities.forEach((e, i) => { if (pseudo[i]) expect(e.outcomes.pseudoEnterprise).toBe(true); });
    const pseudoOutcomes = entities.filter((e) => e.outcomes.pseudoEnterprise).length;
    const share = pseudo.filter(Boolean).length / pseudoOutcomes;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.7);
    const bankrupt = listed('BANKRUPT');
    entities.forEach((e, i) => { if (bankrupt[i]) expect(e.outcomes.bankrupt).toBe(true); });
    expect(bankrupt.filter(Boolean).length).toBeGreaterThan(0);
    expect(pearson(fi, listed('ABSENT_AT_LEGAL_ADDRESS').map(Number))).toBeGreaterThan(0.2);
  });

  it('lets insolvency grow liabilities against assets and raise tax debt', () => {
    const leverageGrowth = financials.map((y) => y[2].totalLiabilities / y[2].totalAssets - y[0].totalLiabilities / y[0].totalAssets);
    const inDebt = facts.map((f) => (f.taxDebtTiyn > 0 ? 1 : 0));
    expect(pearson(insolvency, leverageGrowth)).toBeGreaterThan(0.4);
    expect(pearson(insolvency, inDebt)).toBeGreaterThan(0.4);
    const debtors = lists.map((ms) => ms.some((m) => m.list === 'TAX_DEBTOR'));
    debtors.forEach((d, i) => { if (d) expect(facts[i].taxDebtTiyn).toBeGreaterThan(0); });
  });
});
