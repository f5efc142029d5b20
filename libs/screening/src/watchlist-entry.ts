import type {
  AliasStrength, DatePrecision, WatchlistAlias, WatchlistBirthDate, WatchlistEntry as WatchlistEntryRecord, WatchlistEntryKind, WatchlistIdentifier, WatchlistName,
} from '@hub/contracts';

/** The Avro record as avsc decodes it (listedOn as epoch days, eventTime as epoch ms). */
export type { AliasStrength, DatePrecision, WatchlistAlias, WatchlistBirthDate, WatchlistEntryKind, WatchlistEntryRecord, WatchlistIdentifier, WatchlistName };

/** A validated list entry, ready to store and to index. */
export interface WatchlistEntry {
  list: WatchlistName;
  entryId: string;
  referenceNumber: string | null;
  versionNum: number | null;
  program: string | null;
  kind: WatchlistEntryKind;
  wholeName: string;
  givenName: string | null;
  middleNames: string[];
  familyName: string | null;
  nameOriginalScript: string | null;
  aliases: WatchlistAlias[];
  birthDates: WatchlistBirthDate[];
  nationalities: string[];
  countries: string[];
  identifiers: WatchlistIdentifier[];
  /** ISO date (YYYY-MM-DD). */
  listedOn: string | null;
  remarks: string | null;
  listVersion: string;
  delisted: boolean;
  eventTime: Date;
}

export interface SourcePosition { topic: string; partition: number; offset: string }

export const entryIdOf = (list: WatchlistName, sourceId: string): string => `${list}:${sourceId}`;
