import { AliasStrengthValues, DatePrecisionValues, WatchlistEntryKindValues, WatchlistNameValues } from '@hub/contracts';
import { parseNationalId } from '@hub/identity';
import { Validation, latestByKey } from '@hub/platform';
import { isoFromEpochDays } from './parsing/dates';
import { WatchlistBirthDate, WatchlistEntry, WatchlistEntryRecord } from './watchlist-entry';

export enum WatchlistRejection {
  KEY_MISMATCH = 'KEY_MISMATCH',
  ENTRY_ID_FORMAT = 'ENTRY_ID_FORMAT',
  REQUIRED_FIELD_MISSING = 'REQUIRED_FIELD_MISSING',
  /** A symbol the hub does not know: the writer's schema (by id) is newer than this code. */
  ENUM_UNKNOWN = 'ENUM_UNKNOWN',
  BIRTH_DATE_INVALID = 'BIRTH_DATE_INVALID',
  DATE_IN_FUTURE = 'DATE_IN_FUTURE',
  /** An IIN/BIN identifier that fails the check digit or structure (SPEC §1). */
  IDENTIFIER_INVALID = 'IDENTIFIER_INVALID',
}

export const CLOCK_SKEW_MS = 5 * 60_000;
const ENTRY_ID = /^(UN_SC|KZ_AFM):[A-Za-z0-9._-]{1,64}$/;

const reject = (code: WatchlistRejection, reason: string): Validation<never> => ({ ok: false, code, reason });
const blank = (s: string | null): boolean => s === null || s.trim().length === 0;

function birthDateProblem(d: WatchlistBirthDate, thisYear: number): string | null {
  const yearOk = (y: number | null) => y !== null && Number.isInteger(y) && y >= 1850 && y <= thisYear;
  switch (d.precision) {
    case 'YEAR_RANGE':
      if (!yearOk(d.fromYear) || !yearOk(d.toYear) || d.fromYear! > d.toYear!) return `year range ${d.fromYear}-${d.toYear} is not a range of past years`;
      return null;
    case 'YEAR': return d.date !== null && /^\d{4}$/.test(d.date) && yearOk(Number(d.date)) ? null : `"${d.date}" is not a past year`;
    case 'MONTH': {
      const m = d.date === null ? null : /^(\d{4})-(\d{2})$/.exec(d.date);
      return m && yearOk(Number(m[1])) && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? null : `"${d.date}" is not YYYY-MM`;
    }
    case 'DAY': {
      const t = d.date === null ? NaN : Date.parse(`${d.date}T00:00:00Z`);
      return d.date !== null && /^\d{4}-\d{2}-\d{2}$/.test(d.date) && !Number.isNaN(t) && new Date(t).toISOString().startsWith(d.date) && yearOk(Number(d.date.slice(0, 4)))
        ? null : `"${d.date}" is not a past calendar day`;
    }
  }
}

/** Pure: every rule a watchlist record must pass, with "now" passed in. */
export function validateWatchlistEntry(record: WatchlistEntryRecord, key: string | null, now: Date): Validation<WatchlistEntry> {
  if (!(WatchlistNameValues as readonly string[]).includes(record.list)) return reject(WatchlistRejection.ENUM_UNKNOWN, 'list has a symbol this hub does not know');
  if (!(WatchlistEntryKindValues as readonly string[]).includes(record.kind)) return reject(WatchlistRejection.ENUM_UNKNOWN, 'kind has a symbol this hub does not know');
  if (!ENTRY_ID.test(record.entryId) || !record.entryId.startsWith(`${record.list}:`)) {
    return reject(WatchlistRejection.ENTRY_ID_FORMAT, `entryId must be '${record.list}:<source id>' (letters, digits, . _ -)`);
  }
  if (key !== null && key !== record.entryId) return reject(WatchlistRejection.KEY_MISMATCH, 'record key must be the entryId in the value');
  if (blank(record.wholeName)) return reject(WatchlistRejection.REQUIRED_FIELD_MISSING, 'wholeName is required');
  if (blank(record.listVersion)) return reject(WatchlistRejection.REQUIRED_FIELD_MISSING, 'listVersion is required');
  for (const a of record.aliases) {
    if (!(AliasStrengthValues as readonly string[]).includes(a.strength)) return reject(WatchlistRejection.ENUM_UNKNOWN, 'alias strength has a symbol this hub does not know');
    if (blank(a.name)) return reject(WatchlistRejection.REQUIRED_FIELD_MISSING, 'an alias has an empty name');
  }
  const thisYear = now.getUTCFullYear();
  for (const d of record.birthDates) {
    if (!(DatePrecisionValues as readonly string[]).includes(d.precision)) return reject(WatchlistRejection.ENUM_UNKNOWN, 'birth date precision has a symbol this hub does not know');
    const problem = birthDateProblem(d, thisYear);
    if (problem) return reject(WatchlistRejection.BIRTH_DATE_INVALID, `date of birth ${problem}`);
    if (d.precision === 'DAY' && Date.parse(`${d.date}T00:00:00Z`) > now.getTime()) return reject(WatchlistRejection.DATE_IN_FUTURE, 'date of birth is in the future');
  }
  for (const id of record.identifiers) {
    if (blank(id.value)) return reject(WatchlistRejection.REQUIRED_FIELD_MISSING, 'an identifier has no value');
    if (id.type === 'IIN' || id.type === 'BIN') {
      const parsed = parseNationalId(id.value);
      if (!parsed.ok) return reject(WatchlistRejection.IDENTIFIER_INVALID, `${id.type} ${parsed.message}`);
    }
  }
  const today = Math.floor(now.getTime() / 86_400_000);
  if (record.listedOn !== null && record.listedOn > today) return reject(WatchlistRejection.DATE_IN_FUTURE, 'listedOn is in the future');
  if (record.eventTime > now.getTime() + CLOCK_SKEW_MS) return reject(WatchlistRejection.DATE_IN_FUTURE, 'eventTime is in the future');
  return {
    ok: true,
    value: {
      list: record.list,
      entryId: record.entryId,
      referenceNumber: record.referenceNumber,
      versionNum: record.versionNum,
      program: record.program,
      kind: record.kind,
      wholeName: record.wholeName.trim(),
      givenName: record.givenName,
      middleNames: record.middleNames,
      familyName: record.familyName,
      nameOriginalScript: record.nameOriginalScript,
      aliases: record.aliases,
      birthDates: record.birthDates,
      nationalities: record.nationalities,
      countries: record.countries,
      identifiers: record.identifiers,
      listedOn: record.listedOn === null ? null : isoFromEpochDays(record.listedOn),
      remarks: record.remarks,
      listVersion: record.listVersion,
      delisted: record.delisted,
      eventTime: new Date(record.eventTime),
    },
  };
}

/** Within one batch the same entry may come twice; keep the latest by event time. */
export function latestPerEntry<T extends { entry: WatchlistEntry }>(items: readonly T[]): T[] {
  return latestByKey(items, (i) => i.entry.entryId, (i) => i.entry.eventTime);
}
