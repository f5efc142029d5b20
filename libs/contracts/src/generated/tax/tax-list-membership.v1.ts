// Generated from schemas/tax/tax-list-membership.v1.avsc by `npm run schemas:types`. Do not edit.

export type TaxList = 'INACTIVE' | 'PSEUDO_ENTERPRISE' | 'ABSENT_AT_LEGAL_ADDRESS' | 'BANKRUPT' | 'DECLARED_INACTIVE' | 'REGISTRATION_INVALID' | 'REORGANIZED_IN_VIOLATION' | 'TAX_DEBTOR';
export const TaxListValues = ['INACTIVE', 'PSEUDO_ENTERPRISE', 'ABSENT_AT_LEGAL_ADDRESS', 'BANKRUPT', 'DECLARED_INACTIVE', 'REGISTRATION_INVALID', 'REORGANIZED_IN_VIOLATION', 'TAX_DEBTOR'] as const;

/** A taxpayer's membership of one of the tax authority's public lists, BPR §24.1 (lists of registered business entities). Keyed by BIN/IIN; a membership is identified by id, list and inclusion date. */
export interface TaxListMembership {
  /** BIN or IIN of the taxpayer: 12 digits with a check digit; also the record key. */
  id: string;
  /** The list. */
  list: TaxList;
  /** Date the taxpayer was included in the list. */
  includedOn: number;
  /** Date the taxpayer was excluded from the list, or null while still listed. */
  excludedOn: null | number;
  /** Decision (order, court ruling) the inclusion rests on, if published. */
  basis: null | string;
  /** When the tax authority recorded this state (ms since epoch, UTC); a later event time wins whatever the arrival order. */
  eventTime: number;
}
