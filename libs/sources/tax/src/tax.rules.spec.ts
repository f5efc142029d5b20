import type { TaxFactsRecord, TaxFinancialsRecord } from './tax-records';
import { validateTaxFacts } from './tax-facts.rules';
import { financialsWindow, validateTaxFinancials } from './tax-financials.rules';
import { validateTaxListMembership } from './tax-lists.rules';

const NOW = new Date(Date.UTC(2026, 0, 15, 12));
const TODAY = Math.floor(NOW.getTime() / 86_400_000);
const BIN = '150140000012';

const facts = (o: Partial<TaxFactsRecord> = {}): TaxFactsRecord => ({
  id: BIN, registrationDate: TODAY - 1000, deregistrationDate: null, deregistrationReason: null, suspensions: [], residence: 'RESIDENT',
  taxOfficeCode: '6205', taxOfficeName: 'SRD', taxRegime: 'GENERAL', riskAudits: [], nonFilings: [], insolvencyProceedings: [],
  yearly: [2021, 2022, 2023, 2024, 2025].map((fiscalYear) => ({ fiscalYear, taxBurdenCoefficient: 0.05, taxesPaidTiyn: 10 })),
  riskCategory: null, taxDebtTiyn: 0, taxDebtAsOf: TODAY, liquidationAuditApplicationDate: null, sanctions: [], nonResidentRegistration: null,
  eventTime: NOW.getTime(), ...o,
});

const financials = (fiscalYear: number, o: Partial<TaxFinancialsRecord> = {}): TaxFinancialsRecord => ({
  id: BIN, fiscalYear, authorizedCapital: 1, totalCapital: -5, totalAssets: 1, totalLiabilities: 6, fixedAssets: 1, taxesByType: [], annualIncome: 1,
  taxableIncome: -3, totalDeductions: 1, corporateIncomeTax: 0, valueAddedTax: 0, vatRefund: 0, propertyTax: 0, transportTax: 0, staffCount: 0,
  payrollDeductions: [], eventTime: NOW.getTime(), ...o,
});

describe('tax rules', () => {
  it('uses a valid test BIN', () => {
    expect(validateTaxFacts(facts(), BIN, NOW).ok).toBe(true);
  });

  it('keeps financials of the last three closed fiscal years only', () => {
    expect(financialsWindow(NOW)).toEqual({ oldest: 2023, latest: 2025 });
    expect(validateTaxFinancials(financials(2023), BIN, NOW).ok).toBe(true);
    expect(validateTaxFinancials(financials(2025), BIN, NOW).ok).toBe(true);
    expect(validateTaxFinancials(financials(2022), BIN, NOW)).toMatchObject({ ok: false, code: 'FISCAL_YEAR_OUTSIDE_WINDOW' });
    expect(validateTaxFinancials(financials(2026), BIN, NOW)).toMatchObject({ ok: false, code: 'FISCAL_YEAR_NOT_CLOSED' });
  });

  it('allows negative equity and taxable income (a loss), but no other negative amount', () => {
    expect(validateTaxFinancials(financials(2024), BIN, NOW).ok).toBe(true);
    expect(validateTaxFinancials(financials(2024, { staffCount: -1 }), BIN, NOW)).toMatchObject({ ok: false, code: 'NEGATIVE_AMOUNT' });
  });

  it('never puts a confidential value into a rejection reason', () => {
    const result = validateTaxFinancials(financials(2024, { vatRefund: -987654321 }), BIN, NOW);
    expect(result).toMatchObject({ ok: false, code: 'NEGATIVE_AMOUNT' });
    expect(JSON.stringify(result)).not.toContain('987654321');
  });

  it('drops yearly public figures older than three years instead of refusing the snapshot', () => {
    const result = validateTaxFacts(facts(), BIN, NOW);
    expect(result.ok && result.value.yearly.map((y) => y.fiscalYear)).toEqual([2023, 2024, 2025]);
  });

  it('checks dates are in order and not in the future, and list exclusions follow inclusions', () => {
    expect(validateTaxFacts(facts({ insolvencyProceedings: [{ kind: 'BANKRUPTCY', startDate: TODAY - 5, endDate: TODAY - 9 }] }), BIN, NOW))
      .toMatchObject({ ok: false, code: 'DATE_ORDER' });
    expect(validateTaxFacts(facts({ eventTime: NOW.getTime() + 3_600_000 }), BIN, NOW)).toMatchObject({ ok: false, code: 'DATE_IN_FUTURE' });
    expect(validateTaxListMembership({ id: BIN, list: 'BANKRUPT', includedOn: TODAY - 1, excludedOn: TODAY - 2, basis: null, eventTime: NOW.getTime() }, BIN, NOW))
      .toMatchObject({ ok: false, code: 'DATE_ORDER' });
    expect(validateTaxListMembership({ id: BIN, list: 'BANKRUPT', includedOn: TODAY - 1, excludedOn: null, basis: ' ', eventTime: NOW.getTime() }, null, NOW))
      .toMatchObject({ ok: true, value: { basis: null, includedOn: '2026-01-14' } });
  });
});
