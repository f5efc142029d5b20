import { NationalIdError, isKato, isOked, parseNationalId } from '@hub/identity';
import { Validation, latestByKey } from '@hub/platform';
import { StatisticalEntityRecord, StatisticalEntry } from './statistical-entity';

export enum StatisticsRejection {
  ID_FORMAT = 'ID_FORMAT',
  ID_CHECK_DIGIT = 'ID_CHECK_DIGIT',
  ID_STRUCTURE = 'ID_STRUCTURE',
  KEY_MISMATCH = 'KEY_MISMATCH',
  REQUIRED_FIELD_MISSING = 'REQUIRED_FIELD_MISSING',
  KATO_FORMAT = 'KATO_FORMAT',
  OKED_FORMAT = 'OKED_FORMAT',
  OKED_SECONDARY_FORMAT = 'OKED_SECONDARY_FORMAT',
  OKED_SECONDARY_DUPLICATE = 'OKED_SECONDARY_DUPLICATE',
  SIZE_CLASS_FORMAT = 'SIZE_CLASS_FORMAT',
  DATE_IN_FUTURE = 'DATE_IN_FUTURE',
}

/** Clock skew allowed between the bureau's clock and ours before an event time counts as future. */
export const CLOCK_SKEW_MS = 5 * 60_000;
const SIZE_CLASS_PATTERN = /^\d{3}$/;
const ID_ERRORS: Record<NationalIdError, StatisticsRejection> = {
  [NationalIdError.FORMAT]: StatisticsRejection.ID_FORMAT,
  [NationalIdError.CHECK_DIGIT]: StatisticsRejection.ID_CHECK_DIGIT,
  [NationalIdError.STRUCTURE]: StatisticsRejection.ID_STRUCTURE,
};

const reject = (code: StatisticsRejection, reason: string): Validation<never> => ({ ok: false, code, reason });
const blank = (s: string): boolean => s.trim().length === 0;

/** Pure: every rule a statistical-register record must pass, with "now" passed in. */
export function validateStatisticalEntity(record: StatisticalEntityRecord, key: string | null, now: Date): Validation<StatisticalEntry> {
  const id = parseNationalId(record.id);
  if (!id.ok) return reject(ID_ERRORS[id.error], `id ${id.message}`);
  if (key !== null && key !== record.id) return reject(StatisticsRejection.KEY_MISMATCH, 'record key must be the BIN/IIN in the value');
  if (blank(record.okedPrimaryName) || blank(record.sizeClassName) || record.okedSecondary.some((a) => blank(a.name))) {
    return reject(StatisticsRejection.REQUIRED_FIELD_MISSING, 'okedPrimaryName, sizeClassName and every secondary activity name are required');
  }
  if (!isKato(record.katoCode)) return reject(StatisticsRejection.KATO_FORMAT, 'katoCode must be 9 digits');
  if (!isOked(record.okedPrimary)) return reject(StatisticsRejection.OKED_FORMAT, 'okedPrimary must be 5 digits');
  const bad = record.okedSecondary.find((a) => !isOked(a.code));
  if (bad) return reject(StatisticsRejection.OKED_SECONDARY_FORMAT, 'every secondary OKED code must be 5 digits');
  const codes = new Set([record.okedPrimary, ...record.okedSecondary.map((a) => a.code)]);
  if (codes.size !== record.okedSecondary.length + 1) {
    return reject(StatisticsRejection.OKED_SECONDARY_DUPLICATE, 'a secondary OKED repeats the primary or another secondary code');
  }
  if (!SIZE_CLASS_PATTERN.test(record.sizeClassCode)) return reject(StatisticsRejection.SIZE_CLASS_FORMAT, 'sizeClassCode must be 3 digits');
  if (record.eventTime > now.getTime() + CLOCK_SKEW_MS) return reject(StatisticsRejection.DATE_IN_FUTURE, 'eventTime is in the future');
  return {
    ok: true,
    value: {
      id: record.id,
      katoCode: record.katoCode,
      okedPrimary: record.okedPrimary,
      okedPrimaryName: record.okedPrimaryName,
      okedSecondary: record.okedSecondary.map((a) => ({ code: a.code, name: a.name })),
      sizeClassCode: record.sizeClassCode,
      sizeClassName: record.sizeClassName,
      eventTime: new Date(record.eventTime),
    },
  };
}

/** Within one batch the same id may come twice; keep the latest by event time (first wins on ties). */
export function latestPerId<T extends { entry: StatisticalEntry }>(items: readonly T[]): T[] {
  return latestByKey(items, (i) => i.entry.id, (i) => i.entry.eventTime);
}
