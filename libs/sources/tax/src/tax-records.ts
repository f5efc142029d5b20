import type {
  TaxDeregistrationReason, TaxFacts, TaxFinancials, TaxInsolvencyKind, TaxList, TaxListMembership, TaxNonResidentForm,
  TaxPayrollDeductionKind, TaxRegime, TaxResidence, TaxRiskCategory, TaxSanctionKind,
} from '@hub/contracts';

/**
 * The Avro records as avsc decodes them (dates as epoch days, timestamps as epoch ms, money in tiyn).
 * Values decode with the writer's schema: a first-version facts record has no entrepreneurName.
 */
export type TaxFactsRecord = Omit<TaxFacts, 'entrepreneurName'> & Partial<Pick<TaxFacts, 'entrepreneurName'>>;
export type TaxFinancialsRecord = TaxFinancials;
export type TaxListMembershipRecord = TaxListMembership;
export type {
  TaxDeregistrationReason, TaxInsolvencyKind, TaxList, TaxNonResidentForm, TaxPayrollDeductionKind, TaxRegime, TaxResidence,
  TaxRiskCategory, TaxSanctionKind,
};

/** ISO calendar date, YYYY-MM-DD. */
export type IsoDate = string;

/** Validated public facts, ready to store. Money stays in tiyn (exact integers). */
export interface TaxPublicFacts {
  id: string;
  registrationDate: IsoDate;
  deregistrationDate: IsoDate | null;
  deregistrationReason: TaxDeregistrationReason | null;
  suspensions: Array<{ startDate: IsoDate; endDate: IsoDate | null }>;
  residence: TaxResidence;
  taxOfficeCode: string;
  taxOfficeName: string;
  taxRegime: TaxRegime;
  riskAudits: Array<{ year: number; half: number }>;
  nonFilings: Array<{ form: string; fiscalYear: number; dueDate: IsoDate }>;
  insolvencyProceedings: Array<{ kind: TaxInsolvencyKind; startDate: IsoDate; endDate: IsoDate | null }>;
  yearly: Array<{ fiscalYear: number; taxBurdenCoefficient: number | null; taxesPaidTiyn: number | null }>;
  riskCategory: TaxRiskCategory | null;
  taxDebtTiyn: number;
  taxDebtAsOf: IsoDate;
  liquidationAuditApplicationDate: IsoDate | null;
  sanctions: Array<{ kind: TaxSanctionKind; appliedOn: IsoDate; amountTiyn: number | null }>;
  nonResidentRegistration: TaxNonResidentForm | null;
  /** Individual entrepreneurs: the name BPR §32 searches by; null for legal entities. */
  entrepreneurName: { surname: string; givenName: string | null; patronymic: string | null } | null;
  eventTime: Date;
}

/** Validated CONFIDENTIAL figures of one fiscal year; never leaves the tax module. */
export interface TaxYearFinancials {
  id: string;
  fiscalYear: number;
  authorizedCapital: number;
  totalCapital: number;
  totalAssets: number;
  totalLiabilities: number;
  fixedAssets: number;
  taxesByType: Array<{ typeCode: string; amount: number }>;
  annualIncome: number;
  taxableIncome: number;
  totalDeductions: number;
  corporateIncomeTax: number;
  valueAddedTax: number;
  vatRefund: number;
  propertyTax: number;
  transportTax: number;
  staffCount: number;
  payrollDeductions: Array<{ kind: TaxPayrollDeductionKind; amount: number }>;
  eventTime: Date;
}

export interface TaxListEntry {
  id: string;
  list: TaxList;
  includedOn: IsoDate;
  excludedOn: IsoDate | null;
  basis: string | null;
  eventTime: Date;
}

export interface SourcePosition { topic: string; partition: number; offset: string }
