import {
  CourtActTypeValues, CourtCaseCategoryValues, CourtCaseOutcomeValues, CourtInstanceValues, CourtPartyRoleValues, CourtProceedingKindValues,
} from '@hub/contracts';
import { NationalIdError, isKato, parseNationalId } from '@hub/identity';
import { Validation, latestByKey } from '@hub/platform';
import { CivilCase, CivilCaseRecord } from './civil-case';

export enum CourtRejection {
  ID_FORMAT = 'ID_FORMAT',
  ID_CHECK_DIGIT = 'ID_CHECK_DIGIT',
  ID_STRUCTURE = 'ID_STRUCTURE',
  KEY_MISMATCH = 'KEY_MISMATCH',
  REQUIRED_FIELD_MISSING = 'REQUIRED_FIELD_MISSING',
  /** A symbol the hub does not know: the writer's schema (by id) is newer than this code. */
  ENUM_UNKNOWN = 'ENUM_UNKNOWN',
  KATO_FORMAT = 'KATO_FORMAT',
  DATE_IN_FUTURE = 'DATE_IN_FUTURE',
  DATE_ORDER = 'DATE_ORDER',
  NEGATIVE_AMOUNT = 'NEGATIVE_AMOUNT',
}

export const CLOCK_SKEW_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
const ID_ERRORS: Record<NationalIdError, CourtRejection> = {
  [NationalIdError.FORMAT]: CourtRejection.ID_FORMAT,
  [NationalIdError.CHECK_DIGIT]: CourtRejection.ID_CHECK_DIGIT,
  [NationalIdError.STRUCTURE]: CourtRejection.ID_STRUCTURE,
};

const reject = (code: CourtRejection, reason: string): Validation<never> => ({ ok: false, code, reason });
const blank = (s: string): boolean => s.trim().length === 0;
const isoDate = (epochDays: number): string => new Date(epochDays * DAY_MS).toISOString().slice(0, 10);
const known = (values: readonly string[], v: string | null): boolean => v === null || values.includes(v);

/** Pure: every rule a civil-case record must pass, with "now" passed in. */
export function validateCivilCase(record: CivilCaseRecord, key: string | null, now: Date): Validation<CivilCase> {
  const id = parseNationalId(record.partyId);
  if (!id.ok) return reject(ID_ERRORS[id.error], `partyId ${id.message}`);
  if (key !== null && key !== record.partyId) return reject(CourtRejection.KEY_MISMATCH, 'record key must be the party BIN/IIN in the value');
  for (const [name, value] of [['region', record.region], ['court', record.court], ['caseNumber', record.caseNumber], ['actText', record.actText]] as const) {
    if (blank(value)) return reject(CourtRejection.REQUIRED_FIELD_MISSING, `${name} is required`);
  }
  const enums: Array<[string, readonly string[], string | null]> = [
    ['partyRole', CourtPartyRoleValues, record.partyRole], ['instance', CourtInstanceValues, record.instance],
    ['proceedingKind', CourtProceedingKindValues, record.proceedingKind], ['caseCategory', CourtCaseCategoryValues, record.caseCategory],
    ['actType', CourtActTypeValues, record.actType], ['outcome', CourtCaseOutcomeValues, record.outcome],
  ];
  for (const [name, values, value] of enums) {
    if (!known(values, value)) return reject(CourtRejection.ENUM_UNKNOWN, `${name} has a symbol this hub does not know`);
  }
  if (record.regionKato !== null && !isKato(record.regionKato)) return reject(CourtRejection.KATO_FORMAT, 'regionKato must be 9 digits');
  const today = Math.floor(now.getTime() / DAY_MS);
  if (record.actDate > today) return reject(CourtRejection.DATE_IN_FUTURE, 'actDate is in the future');
  if (record.caseRegisteredOn !== null) {
    if (record.caseRegisteredOn > today) return reject(CourtRejection.DATE_IN_FUTURE, 'caseRegisteredOn is in the future');
    if (record.caseRegisteredOn > record.actDate) return reject(CourtRejection.DATE_ORDER, 'caseRegisteredOn is after actDate');
  }
  if (record.eventTime > now.getTime() + CLOCK_SKEW_MS) return reject(CourtRejection.DATE_IN_FUTURE, 'eventTime is in the future');
  if (record.claimAmountTiyn !== null && record.claimAmountTiyn < 0) return reject(CourtRejection.NEGATIVE_AMOUNT, 'claimAmountTiyn is negative');
  return {
    ok: true,
    value: {
      partyId: record.partyId,
      caseNumber: record.caseNumber,
      partyRole: record.partyRole,
      instance: record.instance,
      region: record.region,
      regionKato: record.regionKato,
      court: record.court,
      proceedingKind: record.proceedingKind,
      caseCategory: record.caseCategory,
      caseRegisteredOn: record.caseRegisteredOn === null ? null : isoDate(record.caseRegisteredOn),
      actDate: isoDate(record.actDate),
      actType: record.actType,
      actText: record.actText,
      outcome: record.outcome,
      claimAmountTiyn: record.claimAmountTiyn,
      eventTime: new Date(record.eventTime),
    },
  };
}

/** Within one batch the same case and party may come twice; keep the latest by event time (first wins on ties). */
export function latestPerCaseAndParty<T extends { civilCase: CivilCase }>(items: readonly T[]): T[] {
  return latestByKey(items, (i) => `${i.civilCase.partyId}|${i.civilCase.caseNumber}`, (i) => i.civilCase.eventTime);
}
