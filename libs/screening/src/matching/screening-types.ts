import type { WatchlistEntryKind, WatchlistName } from '../watchlist-entry';
import type { FeatureName } from './screening-config';

/** Who is screened: a person or an organisation, as the KYC request names it (NDIP §3.25, SPEC §4). */
export interface ScreeningSubject {
  kind: 'PERSON' | 'ORGANISATION';
  name: string;
  aliases?: string[];
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  birthDate?: string;
  /** ISO 3166-1 alpha-2 code or a country name. */
  country?: string;
  identifiers?: string[];
}

/** One feature that contributed to a hit, the way yente explains a match. */
export interface ScreeningFeature {
  name: FeatureName;
  /** How strongly the feature holds, in [0, 1]. */
  score: number;
  /** Its weight in the config version; negative for a qualifier that lowers the score. */
  weight: number;
  detail: string;
}

export interface ScreeningHit {
  list: WatchlistName;
  entryId: string;
  referenceNumber: string | null;
  /** The listed name (or alias) that matched best. */
  matchedName: string;
  kind: WatchlistEntryKind;
  score: number;
  features: ScreeningFeature[];
}

export interface ScreeningResult {
  /** The screening config version that scored these hits. */
  configVersion: string;
  /** The version of every list screened against (UN dateGenerated, AFM snapshot time). */
  listVersions: Record<string, string>;
  /** Hits at or above the threshold, best first; de-listed entries never hit. */
  hits: ScreeningHit[];
}
