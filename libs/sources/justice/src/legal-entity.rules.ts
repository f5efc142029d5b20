import { isKato, isOked, parseBin } from '@hub/identity';
import { Validation, latestByKey } from '@hub/platform';
import { LegalEntity, LegalEntityRegistrationRecord } from './legal-entity';

export enum LegalEntityRejection {
  BIN_FORMAT = 'BIN_FORMAT',
  BIN_CHECK_DIGIT = 'BIN_CHECK_DIGIT',
  BIN_STRUCTURE = 'BIN_STRUCTURE',
  KEY_MISMATCH = 'KEY_MISMATCH',
  NAME_MISSING = 'NAME_MISSING',
  DATE_IN_FUTURE = 'DATE_IN_FUTURE',
  DATE_ORDER = 'DATE_ORDER',
  OKED_FORMAT = 'OKED_FORMAT',
  KATO_FORMAT = 'KATO_FORMAT',
}

const DAY_MS = 86_400_000;
const ID_ERRORS = {
  ID_FORMAT: LegalEntityRejection.BIN_FORMAT,
  ID_CHECK_DIGIT: LegalEntityRejection.BIN_CHECK_DIGIT,
  ID_STRUCTURE: LegalEntityRejection.BIN_STRUCTURE,
} as const;

const isoDate = (epochDays: number): string => new Date(epochDays * DAY_MS).toISOString().slice(0, 10);
const reject = (code: LegalEntityRejection, reason: string): Validation<never> => ({ ok: false, code, reason });

/** Pure: every rule a registration record must pass, with "now" passed in. */
export function validateLegalEntity(record: LegalEntityRegistrationRecord, key: string | null, now: Date): Validation<LegalEntity> {
  const bin = parseBin(record.bin);
  if (!bin.ok) return reject(ID_ERRORS[bin.error], `bin ${bin.message}`);
  if (key !== null && key !== record.bin) return reject(LegalEntityRejection.KEY_MISMATCH, 'record key must be the BIN in the value');
  if (!record.nameKk.trim() || !record.nameRu.trim()) return reject(LegalEntityRejection.NAME_MISSING, 'nameKk and nameRu are required');
  const today = Math.floor(now.getTime() / DAY_MS);
  if (record.initialRegistrationDate > today) return reject(LegalEntityRejection.DATE_IN_FUTURE, 'initialRegistrationDate is in the future');
  if (record.lastReregistrationDate !== null) {
    if (record.lastReregistrationDate > today) return reject(LegalEntityRejection.DATE_IN_FUTURE, 'lastReregistrationDate is in the future');
    if (record.lastReregistrationDate < record.initialRegistrationDate) {
      return reject(LegalEntityRejection.DATE_ORDER, 'lastReregistrationDate is before initialRegistrationDate');
    }
  }
  if (record.eventTime > now.getTime() + 5 * 60_000) return reject(LegalEntityRejection.DATE_IN_FUTURE, 'eventTime is in the future');
  if (!isOked(record.okedPrimary)) return reject(LegalEntityRejection.OKED_FORMAT, 'okedPrimary must be 5 digits');
  if (!isKato(record.katoCode)) return reject(LegalEntityRejection.KATO_FORMAT, 'katoCode must be 9 digits');
  return {
    ok: true,
    value: {
      bin: record.bin,
      status: record.status,
      registrationAuthority: record.registrationAuthority,
      initialRegistrationDate: isoDate(record.initialRegistrationDate),
      lastReregistrationDate: record.lastReregistrationDate === null ? null : isoDate(record.lastReregistrationDate),
      nameKk: record.nameKk,
      nameRu: record.nameRu,
      nameEn: record.nameEn,
      shortNameRu: record.shortNameRu,
      legalForm: record.legalForm,
      headFullName: record.headFullName,
      headPosition: record.headPosition,
      okedPrimary: record.okedPrimary,
      katoCode: record.katoCode,
      address: record.address,
      eventTime: new Date(record.eventTime),
    },
  };
}

/** Within one batch the same BIN may come twice; keep the latest by event time (stable on ties). */
export function latestPerBin<T extends { entity: LegalEntity }>(items: readonly T[]): T[] {
  return latestByKey(items, (i) => i.entity.bin, (i) => i.entity.eventTime);
}
