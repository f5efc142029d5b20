import type { PartyKind } from './kyc-subject';

/** A watchlist hit as screening explains it (list, entry, score, the features that matched). */
export interface WatchlistHit {
  list: string;
  entryId: string;
  referenceNumber: string | null;
  matchedName: string;
  score: number;
  features: Array<{ name: string; score: number; weight: number; detail: string }>;
}

/** One name screened: the subject itself, its head, a founder or a beneficial owner. */
export interface ScreenedParty {
  role: 'SUBJECT' | 'HEAD' | 'FOUNDER' | 'BENEFICIAL_OWNER';
  kind: PartyKind;
  name: string;
  hits: WatchlistHit[];
}

export interface IndexFinding {
  index: string;
  value: number;
  category: 'LOW' | 'MEDIUM' | 'HIGH';
  algorithmVersion: string;
  /** top factors in plain words */
  factors: string[];
}

/** What the register knows of a BIN/IIN subject, as far as KYC needs it. */
export interface RegisterFacts {
  id: string;
  name: string | null;
  legalForm: string | null;
  /** registration status from the justice feed (BPR §24.3), null for an IIN subject */
  registrationStatus: string | null;
  /** tax lists the subject is on now (BPR §24.1) */
  currentTaxLists: Array<{ list: string; includedOn: string }>;
  /** rehabilitation / bankruptcy proceedings from the tax feed that have not ended */
  openInsolvency: Array<{ kind: string; startDate: string }>;
  /** civil cases where the subject is the defendant in a bankruptcy case or lost a debt-collection case */
  courtRestrictions: Array<{ caseNumber: string; category: string | null; actDate: string; outcome: string | null }>;
}

export interface ScreeningSummary {
  configVersion: string;
  listVersions: Record<string, string>;
  parties: ScreenedParty[];
}

export type KycFindings =
  | { kind: 'NATIONAL_ID'; found: false; id: string; screening: ScreeningSummary | null }
  | { kind: 'NATIONAL_ID'; found: true; facts: RegisterFacts; indexes: IndexFinding[]; screening: ScreeningSummary }
  | { kind: 'FOREIGN'; screening: ScreeningSummary };
