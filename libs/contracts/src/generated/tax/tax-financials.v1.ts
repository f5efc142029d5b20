// Generated from schemas/tax/tax-financials.v1.avsc by `npm run schemas:types`. Do not edit.

/** Taxes and customs payments of one budget classification type. */
export interface TaxPaidByType {
  /** Budget classification code of the tax or payment, 6 digits. */
  typeCode: string;
  /** Amount paid, tiyn. */
  amount: number;
}

export type TaxPayrollDeductionKind = 'INDIVIDUAL_INCOME_TAX' | 'SOCIAL_TAX' | 'SOCIAL_CONTRIBUTIONS' | 'PENSION_CONTRIBUTIONS' | 'HEALTH_INSURANCE' | 'OTHER';
export const TaxPayrollDeductionKindValues = ['INDIVIDUAL_INCOME_TAX', 'SOCIAL_TAX', 'SOCIAL_CONTRIBUTIONS', 'PENSION_CONTRIBUTIONS', 'HEALTH_INSURANCE', 'OTHER'] as const;

/** Deductions from the wage fund of one kind. */
export interface TaxPayrollDeduction {
  /** Kind of deduction. */
  kind: TaxPayrollDeductionKind;
  /** Amount, tiyn. */
  amount: number;
}

/** CONFIDENTIAL (tax secret): one taxpayer's financial figures for one fiscal year, BPR §24.1 (second list), used only inside the tax perimeter to compute preliminary indexes. Keyed by BIN/IIN; one record per BIN/IIN per fiscal year. Money is a long in tiyn (1/100 tenge). */
export interface TaxFinancials {
  /** BIN or IIN of the taxpayer: 12 digits with a check digit; also the record key. */
  id: string;
  /** Fiscal (calendar) year; only the last three closed years are accepted. */
  fiscalYear: number;
  /** Authorized capital, tiyn. */
  authorizedCapital: number;
  /** Total equity capital, tiyn. */
  totalCapital: number;
  /** Total assets, tiyn. */
  totalAssets: number;
  /** Total liabilities, tiyn. */
  totalLiabilities: number;
  /** Fixed assets, tiyn. */
  fixedAssets: number;
  /** Taxes and customs payments paid, broken down by type. */
  taxesByType: Array<TaxPaidByType>;
  /** Total annual income (adjusted), tiyn. */
  annualIncome: number;
  /** Taxable income taking losses into account, tiyn; may be negative (a loss). */
  taxableIncome: number;
  /** Total deductions, tiyn. */
  totalDeductions: number;
  /** Corporate income tax, tiyn. */
  corporateIncomeTax: number;
  /** Value added tax accrued, tiyn. */
  valueAddedTax: number;
  /** Refund from the budget of VAT credit exceeding accrued VAT, tiyn. */
  vatRefund: number;
  /** Property tax, tiyn. */
  propertyTax: number;
  /** Transport tax, tiyn. */
  transportTax: number;
  /** Number of staff. */
  staffCount: number;
  /** Deductions from the wage fund, by type of tax. */
  payrollDeductions: Array<TaxPayrollDeduction>;
  /** When the tax authority recorded these figures (ms since epoch, UTC); a later event time wins per BIN/IIN and fiscal year. */
  eventTime: number;
}
