import { Validation } from '@hub/platform';
import { TaxFinancialsRecord, TaxYearFinancials } from './tax-records';
import { TaxRejection, WINDOW_YEARS, checkAmount, checkEventTime, checkId, currentYear, fail, runRules } from './tax.rules';

const BUDGET_CODE = /^\d{6}$/;

/** The closed fiscal years whose financials the perimeter keeps: the last three (BPR §24.1). */
export function financialsWindow(now: Date): { oldest: number; latest: number } {
  const latest = currentYear(now) - 1;
  return { oldest: latest - WINDOW_YEARS + 1, latest };
}

/**
 * Pure: every rule a confidential financials record must pass, "now" passed in.
 * A year outside the window is refused rather than stored and ignored: a tax secret the rules do
 * not allow us to use should not be kept at all, and the refusal (in the tax perimeter's own
 * dead-letter topic) tells the source it sent more than it needed to.
 * Reasons name fields, never values: a dead letter's reason is read by operators.
 */
export function validateTaxFinancials(r: TaxFinancialsRecord, key: string | null, now: Date): Validation<TaxYearFinancials> {
  return runRules(() => {
    checkId(r.id, key);
    checkEventTime(r.eventTime, now);
    const window = financialsWindow(now);
    if (r.fiscalYear > window.latest) fail(TaxRejection.FISCAL_YEAR_NOT_CLOSED, `fiscalYear ${r.fiscalYear} is not a closed fiscal year`);
    if (r.fiscalYear < window.oldest) {
      fail(TaxRejection.FISCAL_YEAR_OUTSIDE_WINDOW, `fiscalYear ${r.fiscalYear} is older than the last three closed years (${window.oldest}-${window.latest})`);
    }
    const nonNegative = [
      'authorizedCapital', 'totalAssets', 'totalLiabilities', 'fixedAssets', 'annualIncome', 'totalDeductions',
      'corporateIncomeTax', 'valueAddedTax', 'vatRefund', 'propertyTax', 'transportTax', 'staffCount',
    ] as const;
    for (const field of nonNegative) checkAmount(field, r[field]);
    // Equity and taxable income are negative for a loss-making or insolvent company.
    checkAmount('totalCapital', r.totalCapital, { allowNegative: true });
    checkAmount('taxableIncome', r.taxableIncome, { allowNegative: true });
    r.taxesByType.forEach((t, i) => {
      if (!BUDGET_CODE.test(t.typeCode)) fail(TaxRejection.BUDGET_CODE_FORMAT, `taxesByType[${i}].typeCode must be 6 digits`);
      checkAmount(`taxesByType[${i}].amount`, t.amount);
    });
    r.payrollDeductions.forEach((d, i) => checkAmount(`payrollDeductions[${i}].amount`, d.amount));
    return {
      id: r.id,
      fiscalYear: r.fiscalYear,
      authorizedCapital: r.authorizedCapital,
      totalCapital: r.totalCapital,
      totalAssets: r.totalAssets,
      totalLiabilities: r.totalLiabilities,
      fixedAssets: r.fixedAssets,
      taxesByType: r.taxesByType.map((t) => ({ typeCode: t.typeCode, amount: t.amount })),
      annualIncome: r.annualIncome,
      taxableIncome: r.taxableIncome,
      totalDeductions: r.totalDeductions,
      corporateIncomeTax: r.corporateIncomeTax,
      valueAddedTax: r.valueAddedTax,
      vatRefund: r.vatRefund,
      propertyTax: r.propertyTax,
      transportTax: r.transportTax,
      staffCount: r.staffCount,
      payrollDeductions: r.payrollDeductions.map((d) => ({ kind: d.kind, amount: d.amount })),
      eventTime: new Date(r.eventTime),
    };
  });
}
