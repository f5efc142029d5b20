// Generated from schemas/bpr/public-fact.v1.avsc by `npm run schemas:types`. Do not edit.

export type PublicFactKind = 'REGISTRATION' | 'TAX_FACTS' | 'TAX_LIST_MEMBERSHIP' | 'STATISTICS' | 'COURT_CASE' | 'UTILITY_ARREARS';
export const PublicFactKindValues = ['REGISTRATION', 'TAX_FACTS', 'TAX_LIST_MEMBERSHIP', 'STATISTICS', 'COURT_CASE', 'UTILITY_ARREARS'] as const;

/** One public fact a source perimeter lets out to the register (BPR §2.1, §14-§15: only public facts and preliminary indexes leave a perimeter). Keyed by the subject's BIN/IIN. A fact is identified by (subjectId, kind, itemKey); the register keeps, per identity, the one with the latest eventTime, so redelivery and out-of-order arrival change nothing. */
export interface PublicFact {
  /** BIN or IIN the fact is about: 12 digits with a check digit; also the record key. */
  subjectId: string;
  /** Which public projection the fact belongs to; it fixes the shape of `facts` (libs/contracts public-facts.ts). */
  kind: PublicFactKind;
  /** The fact's identity within the subject and kind: empty for one-per-subject kinds (registration, tax facts, statistics), else e.g. list|includedOn, the case number, supplier|service|period. */
  itemKey: string;
  /** The source's event time of the state this fact describes (ms since epoch, UTC). */
  eventTime: number;
  /** When the perimeter committed the state to its store: the start of the projection lag. */
  storedAt: number;
  /** The public facts as a JSON document, shaped by kind. Never a confidential input: the tax perimeter sends only the public columns of BPR §24.1 (SPEC §1), never financials. */
  facts: string;
}
