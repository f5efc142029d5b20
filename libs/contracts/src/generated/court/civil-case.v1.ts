// Generated from schemas/court/civil-case.v1.avsc by `npm run schemas:types`. Do not edit.

export type CourtPartyRole = 'PLAINTIFF' | 'DEFENDANT' | 'THIRD_PARTY' | 'OTHER';
export const CourtPartyRoleValues = ['PLAINTIFF', 'DEFENDANT', 'THIRD_PARTY', 'OTHER'] as const;

export type CourtInstance = 'FIRST' | 'APPEAL' | 'CASSATION' | 'OTHER';
export const CourtInstanceValues = ['FIRST', 'APPEAL', 'CASSATION', 'OTHER'] as const;

export type CourtProceedingKind = 'CLAIM' | 'SIMPLIFIED' | 'WRIT' | 'SPECIAL' | 'OTHER';
export const CourtProceedingKindValues = ['CLAIM', 'SIMPLIFIED', 'WRIT', 'SPECIAL', 'OTHER'] as const;

export type CourtCaseCategory = 'DEBT_COLLECTION' | 'CONTRACT_DISPUTE' | 'PROPERTY' | 'LABOUR' | 'BANKRUPTCY' | 'OTHER';
export const CourtCaseCategoryValues = ['DEBT_COLLECTION', 'CONTRACT_DISPUTE', 'PROPERTY', 'LABOUR', 'BANKRUPTCY', 'OTHER'] as const;

export type CourtActType = 'DECISION' | 'RULING' | 'COURT_ORDER' | 'RESOLUTION' | 'OTHER';
export const CourtActTypeValues = ['DECISION', 'RULING', 'COURT_ORDER', 'RESOLUTION', 'OTHER'] as const;

export type CourtCaseOutcome = 'SATISFIED' | 'PARTIALLY_SATISFIED' | 'DENIED' | 'SETTLED' | 'DISMISSED' | 'LEFT_WITHOUT_CONSIDERATION' | 'OTHER';
export const CourtCaseOutcomeValues = ['SATISFIED', 'PARTIALLY_SATISFIED', 'DENIED', 'SETTLED', 'DISMISSED', 'LEFT_WITHOUT_CONSIDERATION', 'OTHER'] as const;

/** A judicial act in a civil case, as the Supreme Court publishes it for one party, BPR §24.8. Keyed by the party's BIN/IIN; one case with two business parties is published twice, once per party. A later record (by eventTime) for the same case number and party replaces the earlier one. */
export interface CivilCaseAct {
  /** BIN or IIN of the business party this record is about: 12 digits with a check digit. Not listed in §24.8; needed to key the record to a business entity. */
  partyId: string;
  /** The party's role in the case (not listed in §24.8; needed to tell a claimant from a debtor). */
  partyRole: CourtPartyRole;
  /** Instance of the court that issued the act. */
  instance: CourtInstance;
  /** Region (oblast or city of republican significance) of the court, as named by the court. */
  region: string;
  /** KATO code of the region, 9 digits, if the court supplies it. */
  regionKato: null | string;
  /** Name of the court. */
  court: string;
  /** Kind of proceeding ('type of production' in the rules): claim, simplified, writ (court order), special, other. */
  proceedingKind: CourtProceedingKind;
  /** Category of the dispute, if the court supplies it (not listed in §24.8). */
  caseCategory: null | CourtCaseCategory;
  /** Case number as the court assigned it. */
  caseNumber: string;
  /** Date the case was registered by the court (days since 1970-01-01), if supplied; never after actDate. */
  caseRegisteredOn: null | number;
  /** Date of the judicial act (days since 1970-01-01). */
  actDate: number;
  /** Type of the judicial act: decision, ruling (determination), court order, resolution (of a higher instance), other. */
  actType: CourtActType;
  /** Text of the judicial act (may be long; the public profile shows an excerpt). */
  actText: string;
  /** Outcome of the case for the claim, if known (not listed in §24.8). */
  outcome: null | CourtCaseOutcome;
  /** Amount claimed, in tiyn (1/100 tenge), if a monetary claim; never negative (not listed in §24.8). */
  claimAmountTiyn: null | number;
  /** When the court system recorded this state (ms since epoch, UTC); the later event time wins, whatever the arrival order. */
  eventTime: number;
}
