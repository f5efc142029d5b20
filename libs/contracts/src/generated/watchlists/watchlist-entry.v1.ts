// Generated from schemas/watchlists/watchlist-entry.v1.avsc by `npm run schemas:types`. Do not edit.

export type WatchlistName = 'UN_SC' | 'KZ_AFM';
export const WatchlistNameValues = ['UN_SC', 'KZ_AFM'] as const;

export type WatchlistEntryKind = 'PERSON' | 'ORGANISATION';
export const WatchlistEntryKindValues = ['PERSON', 'ORGANISATION'] as const;

export type AliasStrength = 'STRONG' | 'WEAK' | 'PREVIOUS';
export const AliasStrengthValues = ['STRONG', 'WEAK', 'PREVIOUS'] as const;

export interface WatchlistAlias {
  /** One alias name. */
  name: string;
  /** STRONG: good quality / a.k.a.; WEAK: low quality, matched only literally; PREVIOUS: formerly known as. */
  strength: AliasStrength;
}

export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR' | 'YEAR_RANGE';
export const DatePrecisionValues = ['DAY', 'MONTH', 'YEAR', 'YEAR_RANGE'] as const;

export interface WatchlistBirthDate {
  /** How much of the date is known. A year-only date stays a year, never 1 January. */
  precision: DatePrecision;
  /** YYYY-MM-DD, YYYY-MM or YYYY as the precision says; null for YEAR_RANGE. */
  date: null | string;
  /** First year of a YEAR_RANGE (UN FROM_YEAR, TYPE_OF_DATE BETWEEN). */
  fromYear: null | number;
  /** Last year of a YEAR_RANGE (UN TO_YEAR), inclusive. */
  toYear: null | number;
  /** The list says APPROXIMATELY. */
  approximate: boolean;
}

export interface WatchlistIdentifier {
  /** IIN, BIN, PASSPORT, NATIONAL_ID or the list's own wording. */
  type: string;
  /** The number as the list gives it. */
  value: string;
  /** Issuing country, if given. */
  country: null | string;
}

/** One entry of a sanctions watchlist as of one list snapshot: the UN Security Council consolidated list or the financial monitoring agency's (AFM) list of persons linked to the financing of terrorism and extremism (SPEC §4, NDIP §3.25). Keyed by entryId. A later record (by eventTime) for the same entryId replaces the earlier one; an entry missing from a newer snapshot is published once more with delisted = true. */
export interface WatchlistEntry {
  /** Which list: UN_SC (UN Security Council consolidated list) or KZ_AFM (AFM terrorism/extremism financing list). */
  list: WatchlistName;
  /** Stable key, '<list>:<source id>', e.g. UN_SC:110554 (the UN DATAID) or KZ_AFM:<category>-<id>. Equals the record key. */
  entryId: string;
  /** The list's permanent reference, e.g. UN REFERENCE_NUMBER QDi.001, if the list has one. */
  referenceNumber: null | string;
  /** The entry's own version on the list (UN VERSIONNUM), if given; a higher one is an amendment. */
  versionNum: null | number;
  /** Sub-list or regime: UN_LIST_TYPE (Al-Qaida, Taliban, DPRK, ...) or the AFM category (category-1 financing list, category-2 participants). */
  program: null | string;
  /** A natural person or an organisation (entity). */
  kind: WatchlistEntryKind;
  /** The listed name as one string, name parts joined in the list's order (never reordered to a Western order). */
  wholeName: string;
  /** First name part when a person's name has two or more parts (UN FIRST_NAME, AFM fname). */
  givenName: null | string;
  /** Parts between the first and the last: often a patronymic, sometimes not (UN SECOND/THIRD_NAME, AFM mname). */
  middleNames: Array<string>;
  /** Last name part when a person's name has two or more parts (AFM lname). */
  familyName: null | string;
  /** The name in its original script (UN NAME_ORIGINAL_SCRIPT), if given. */
  nameOriginalScript: null | string;
  /** Other names the entry is known by, with their strength. */
  aliases: Array<WatchlistAlias>;
  /** Dates of birth as the list gives them (a person may have several). */
  birthDates: Array<WatchlistBirthDate>;
  /** Nationalities as the list writes them (free text, e.g. 'USSR (until 1991)'). */
  nationalities: Array<string>;
  /** Other countries linked to the entry: addresses, place of birth, document issuers (free text). */
  countries: Array<string>;
  /** Identification numbers: IIN/BIN for the AFM list, passports and national ids for the UN list. */
  identifiers: Array<WatchlistIdentifier>;
  /** Date the entry was put on the list (days since 1970-01-01): UN LISTED_ON, AFM added_to_list. */
  listedOn: null | number;
  /** Free-text comments (UN COMMENTS1, AFM note). */
  remarks: null | string;
  /** Version of the snapshot this record comes from: the UN dateGenerated attribute (ISO-8601) or the AFM snapshot time. */
  listVersion: string;
  /** True when the newest snapshot no longer holds the entry (de-listing): it must never produce a screening hit. */
  delisted: boolean;
  /** When the list published this state (ms since epoch, UTC): the snapshot's generation time; the later event time wins. */
  eventTime: number;
}
