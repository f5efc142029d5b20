import { indexValues, reportContent } from './report-content.rules';

const scores = {
  indexes: [{ index: 'FINANCIAL_STABILITY', value: 0.4, category: 'MEDIUM', algorithm: 'final.financial-stability', algorithmVersion: '1.0.0', computedAt: '2026-12-01T00:00:00Z',
    topFactors: [{ code: 'TAX_FINANCIAL_STABILITY', explanation: 'the tax perimeter\'s ratios put it in the MEDIUM band', contribution: 0.31234, source: 'TAX' }] }],
};

describe('report content from the public profile and the indexes', () => {
  it('keeps the reasons in words and codes, never a contribution', () => {
    const c = reportContent('150340000044', { registration: { nameRu: 'ТОО X', status: 'ACTIVE', legalForm: 'LLP', address: 'Алматы' } }, scores)!;
    expect(c.indexes[0].reasons).toEqual([{ code: 'TAX_FINANCIAL_STABILITY', text: 'the tax perimeter\'s ratios put it in the MEDIUM band', source: 'TAX' }]);
    expect(JSON.stringify(c)).not.toContain('0.31234');
    expect(c.subject).toMatchObject({ name: 'ТОО X', idKind: 'BIN', address: 'Алматы' });
    expect(indexValues(c)).toEqual({ FINANCIAL_STABILITY: { value: 0.4, category: 'MEDIUM' } });
  });

  it('an entrepreneur: no address; current lists only; court cases without the act text', () => {
    const c = reportContent('850302300124', {
      idKind: 'IIN', entrepreneurName: 'АХМЕТОВ Б.',
      tax: { registrationDate: '2020-01-01', deregistrationDate: null, taxDebtKzt: 5, taxDebtAsOf: '2026-11-01', yearly: [{ fiscalYear: 2025, taxesPaidKzt: 9, taxBurdenCoefficient: 0.1 }],
        lists: [{ list: 'TAX_DEBTOR', includedOn: '2026-02-01', current: true }, { list: 'INACTIVE', includedOn: '2020-01-01', current: false }] },
      courtCases: { total: 1, asDefendant: 1, cases: [{ caseNumber: '7/1', court: 'SMEC', actTextExcerpt: 'long text', outcome: null }] },
    }, null)!;
    expect(c.subject).toMatchObject({ idKind: 'IIN', name: 'АХМЕТОВ Б.', address: null, legalForm: 'INDIVIDUAL_ENTREPRENEUR', status: 'REGISTERED' });
    expect(c.lists).toEqual([{ list: 'TAX_DEBTOR', includedOn: '2026-02-01' }]);
    expect(c.taxes!.paid).toEqual([{ fiscalYear: 2025, taxesPaidKzt: 9 }]);
    expect(c.courtCases!.cases).toEqual([{ caseNumber: '7/1', court: 'SMEC' }]);
  });

  it('nothing known: null', () => {
    expect(reportContent('150340000044', null, null)).toBeNull();
  });
});
