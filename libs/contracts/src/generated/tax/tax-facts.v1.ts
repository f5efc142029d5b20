// Generated from schemas/tax/tax-facts.v1.avsc by `npm run schemas:types`. Do not edit.

export type TaxDeregistrationReason = 'LIQUIDATION' | 'REORGANIZATION' | 'TERMINATION_OF_ACTIVITY' | 'DEATH' | 'CHANGE_OF_RESIDENCE' | 'REGISTRATION_INVALID' | 'OTHER';
export const TaxDeregistrationReasonValues = ['LIQUIDATION', 'REORGANIZATION', 'TERMINATION_OF_ACTIVITY', 'DEATH', 'CHANGE_OF_RESIDENCE', 'REGISTRATION_INVALID', 'OTHER'] as const;

/** A period during which the taxpayer's activity was suspended. */
export interface TaxSuspension {
  /** First day of the suspension. */
  startDate: number;
  /** Day the activity resumed, or null while still suspended. */
  endDate: null | number;
}

export type TaxResidence = 'RESIDENT' | 'NON_RESIDENT';
export const TaxResidenceValues = ['RESIDENT', 'NON_RESIDENT'] as const;

export type TaxRegime = 'GENERAL' | 'SIMPLIFIED_DECLARATION' | 'PATENT' | 'RETAIL_TAX' | 'AGRICULTURAL_PRODUCER' | 'PEASANT_FARM' | 'SPECIAL_MOBILE_APP' | 'OTHER';
export const TaxRegimeValues = ['GENERAL', 'SIMPLIFIED_DECLARATION', 'PATENT', 'RETAIL_TAX', 'AGRICULTURAL_PRODUCER', 'PEASANT_FARM', 'SPECIAL_MOBILE_APP', 'OTHER'] as const;

/** An entry of the semi-annual schedule of risk-based tax audits. */
export interface TaxRiskAudit {
  /** Calendar year of the schedule. */
  year: number;
  /** Half of the year: 1 or 2. */
  half: number;
}

/** A tax return the taxpayer (tax agent) did not submit on time. */
export interface TaxNonFiling {
  /** Form code of the tax return, e.g. 100.00 or 300.00. */
  form: string;
  /** Fiscal year of the return. */
  fiscalYear: number;
  /** Date the return was due. */
  dueDate: number;
}

export type TaxInsolvencyKind = 'REHABILITATION' | 'BANKRUPTCY';
export const TaxInsolvencyKindValues = ['REHABILITATION', 'BANKRUPTCY'] as const;

/** A rehabilitation or bankruptcy proceeding (non-confidential part). */
export interface TaxInsolvencyProceeding {
  /** Kind of proceeding. */
  kind: TaxInsolvencyKind;
  /** Date the proceeding was opened. */
  startDate: number;
  /** Date it ended, or null while ongoing. */
  endDate: null | number;
}

/** Public figures of one fiscal year. */
export interface TaxYearlyFacts {
  /** Fiscal (calendar) year the figures refer to. */
  fiscalYear: number;
  /** Tax-burden coefficient as calculated by the authorized body (a ratio, not a percentage); null for individuals not registered as entrepreneurs. */
  taxBurdenCoefficient: null | number;
  /** Taxes and payments to the budget paid in the year, in tiyn; null for individuals. */
  taxesPaidTiyn: null | number;
}

export type TaxRiskCategory = 'LOW' | 'MEDIUM' | 'HIGH';
export const TaxRiskCategoryValues = ['LOW', 'MEDIUM', 'HIGH'] as const;

export type TaxSanctionKind = 'FINE' | 'ACCOUNT_SUSPENSION' | 'ADMINISTRATIVE_PENALTY' | 'LICENSE_SUSPENSION' | 'OTHER';
export const TaxSanctionKindValues = ['FINE', 'ACCOUNT_SUSPENSION', 'ADMINISTRATIVE_PENALTY', 'LICENSE_SUSPENSION', 'OTHER'] as const;

/** A measure of responsibility applied for violating the tax legislation. */
export interface TaxSanction {
  /** Kind of measure. */
  kind: TaxSanctionKind;
  /** Date the measure was applied. */
  appliedOn: number;
  /** Amount of a monetary measure, in tiyn. */
  amountTiyn: null | number;
}

export type TaxNonResidentForm = 'PERMANENT_ESTABLISHMENT' | 'STRUCTURAL_UNIT' | 'WITHOUT_PERMANENT_ESTABLISHMENT';
export const TaxNonResidentFormValues = ['PERMANENT_ESTABLISHMENT', 'STRUCTURAL_UNIT', 'WITHOUT_PERMANENT_ESTABLISHMENT'] as const;

/** An individual entrepreneur's name as registered with the tax authority. */
export interface TaxEntrepreneurName {
  /** Surname. */
  surname: string;
  /** Name. */
  givenName: null | string;
  /** Patronymic, if any. */
  patronymic: null | string;
}

/** The tax authority's public facts about one registered taxpayer, BPR §24.1 (first list). A full snapshot keyed by BIN/IIN; yearly figures cover up to the last three fiscal years. Money is a long in tiyn (1/100 tenge) so sums are exact. */
export interface TaxFacts {
  /** BIN or IIN of the taxpayer: 12 digits with a check digit; also the record key. */
  id: string;
  /** Date of registration with the tax authority (days since 1970-01-01). */
  registrationDate: number;
  /** Date of deregistration, if deregistered. */
  deregistrationDate: null | number;
  /** Reason for deregistration; required when deregistrationDate is set. */
  deregistrationReason: null | TaxDeregistrationReason;
  /** Suspension periods (start and end of suspension of activities). */
  suspensions: Array<TaxSuspension>;
  /** Residence of the taxpayer. */
  residence: TaxResidence;
  /** Code of the tax authority where the taxpayer is registered: 4 digits. */
  taxOfficeCode: string;
  /** Name of the tax authority where the taxpayer is registered. */
  taxOfficeName: string;
  /** Applicable tax regime. */
  taxRegime: TaxRegime;
  /** Semi-annual schedule of tax audits based on risk assessment that includes the taxpayer. */
  riskAudits: Array<TaxRiskAudit>;
  /** Data on non-submission of tax reporting. */
  nonFilings: Array<TaxNonFiling>;
  /** Data on rehabilitation and bankruptcy that is not confidential. */
  insolvencyProceedings: Array<TaxInsolvencyProceeding>;
  /** Yearly public figures, at most the last three fiscal years. */
  yearly: Array<TaxYearlyFacts>;
  /** Result of categorizing taxpayers by degree of risk, if categorized. */
  riskCategory: null | TaxRiskCategory;
  /** Tax debt as of taxDebtAsOf, in tiyn; 0 when none. */
  taxDebtTiyn: number;
  /** Date the tax debt figure refers to. */
  taxDebtAsOf: number;
  /** Date the taxpayer applied for a tax audit in connection with liquidation (termination of activity), if it did. */
  liquidationAuditApplicationDate: null | number;
  /** Measures of responsibility applied for tax violations. */
  sanctions: Array<TaxSanction>;
  /** Registration as a non-resident taxpayer (Tax Code art. 650) and its form, or null when not so registered. */
  nonResidentRegistration: null | TaxNonResidentForm;
  /** When the tax authority recorded this state (ms since epoch, UTC); a later event time wins whatever the arrival order. */
  eventTime: number;
  /** Individual entrepreneurs only: surname, name and patronymic, which BPR §32 makes a search ground; null for legal entities and in records of the first version. */
  entrepreneurName: null | TaxEntrepreneurName;
}
