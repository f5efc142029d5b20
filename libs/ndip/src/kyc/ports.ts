import type { IndexFinding, RegisterFacts, WatchlistHit } from './kyc-findings';
import type { PartyKind } from './kyc-subject';

/** A person or organisation linked to a register subject whose name is screened too. */
export interface LinkedParty {
  role: 'HEAD' | 'FOUNDER';
  kind: PartyKind;
  name: string;
  birthDate?: string | null;
  country?: string | null;
}

/** What the register and scoring know of a BIN/IIN, read through their public projections. */
export interface SubjectFactsReader {
  read(id: string, now: Date): Promise<{ facts: RegisterFacts; linked: LinkedParty[]; indexes: IndexFinding[] } | null>;
}

export interface ScreeningQuery {
  kind: PartyKind;
  name: string;
  aliases?: string[];
  birthDate?: string;
  country?: string;
  identifiers?: string[];
}

export interface ScreeningAnswer {
  configVersion: string;
  listVersions: Record<string, string>;
  hits: WatchlistHit[];
}

/** Watchlist screening (@hub/screening's WatchlistScreening). */
export interface NameScreening {
  screen(subject: ScreeningQuery): Promise<ScreeningAnswer>;
}

