import { HiddenTruth, qualityReport } from './quality';

const truth = (o: Partial<HiddenTruth['outcomes']>, risk = 0.1): HiddenTruth => ({
  outcomes: { pseudoEnterprise: false, bankrupt: false, paymentDefault: false, ...o },
  risk: { fictitiousInvoicing: risk, insolvency: risk, paymentDefault: risk },
});

describe('qualityReport', () => {
  it('scores each index against its own outcome, reputation against any of them', () => {
    const people = new Map<string, HiddenTruth>([
      ['a', truth({ pseudoEnterprise: true }, 0.9)], ['b', truth({ bankrupt: true }, 0.8)], ['c', truth({ paymentDefault: true }, 0.7)],
      ['d', truth({}, 0.1)], ['e', truth({}, 0.2)],
    ]);
    // Conscientiousness ranks the pseudo-enterprise first; payment discipline ranks its defaulter last.
    const value = (id: string, index: string): number => ({
      TAXPAYER_CONSCIENTIOUSNESS: { a: 0.9, b: 0.1, c: 0.1, d: 0.2, e: 0.3 },
      FINANCIAL_STABILITY: { a: 0.1, b: 0.9, c: 0.1, d: 0.2, e: 0.3 },
      PAYMENT_DISCIPLINE: { a: 0.5, b: 0.5, c: 0.0, d: 0.6, e: 0.7 },
      BUSINESS_REPUTATION: { a: 0.9, b: 0.8, c: 0.7, d: 0.1, e: 0.2 },
    } as Record<string, Record<string, number>>)[index][id];
    const scored = [...people.keys(), 'unknown'].map((id) => ({
      subjectId: id,
      values: { TAXPAYER_CONSCIENTIOUSNESS: value(id, 'TAXPAYER_CONSCIENTIOUSNESS') ?? 0, FINANCIAL_STABILITY: value(id, 'FINANCIAL_STABILITY') ?? 0, PAYMENT_DISCIPLINE: value(id, 'PAYMENT_DISCIPLINE') ?? 0, BUSINESS_REPUTATION: value(id, 'BUSINESS_REPUTATION') ?? 0 },
    }));
    const rows = Object.fromEntries(qualityReport(scored, people).map((r) => [r.index, r]));
    expect(rows.TAXPAYER_CONSCIENTIOUSNESS).toMatchObject({ subjects: 5, positives: 1, auc: 1 });
    expect(rows.FINANCIAL_STABILITY).toMatchObject({ positives: 1, auc: 1 });
    expect(rows.PAYMENT_DISCIPLINE).toMatchObject({ positives: 1, auc: 0 });
    expect(rows.BUSINESS_REPUTATION).toMatchObject({ positives: 3, auc: 1, propensityAuc: 1 });
  });
});
