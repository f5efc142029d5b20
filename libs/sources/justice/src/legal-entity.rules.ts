import { isKato, isOked, parseBin, parseNationalId } from '@hub/identity';
import { Validation, latestByKey } from '@hub/platform';
import { Founder, LegalEntity, LegalEntityRegistrationRecord, ParentOrganization } from './legal-entity';

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
  /** A founder's IIN/BIN fails its check digit or structure, or a founder names no one. */
  FOUNDER_ID = 'FOUNDER_ID',
  /** A share outside (0, 100] percent, or shares adding up to more than 100 percent. */
  FOUNDER_SHARE = 'FOUNDER_SHARE',
  /** The parent organization's BIN fails its check digit or structure, or it has no name. */
  PARENT_ID = 'PARENT_ID',
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
  // Records of the schema's first version carry neither field (BACKWARD compatibility): none known.
  const founders = record.founders ?? [];
  const parentOrganization = record.parentOrganization ?? null;
  const founderProblem = checkFounders(founders);
  if (founderProblem) return founderProblem;
  const parentProblem = checkParent(parentOrganization);
  if (parentProblem) return parentProblem;
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
      founders,
      parentOrganization,
      eventTime: new Date(record.eventTime),
    },
  };
}

const SHARE_TOLERANCE = 0.01;

function checkFounders(founders: readonly Founder[]): Validation<never> | null {
  let total = 0;
  for (const [i, f] of founders.entries()) {
    if (f.kind === 'NATURAL_PERSON') {
      if (f.iin !== null) {
        const iin = parseNationalId(f.iin);
        if (!iin.ok || iin.kind !== 'IIN') return reject(LegalEntityRejection.FOUNDER_ID, `founders[${i}].iin ${iin.ok ? 'is a BIN' : iin.message}`);
      }
      if (!f.surname?.trim() && !f.givenName?.trim()) return reject(LegalEntityRejection.FOUNDER_ID, `founders[${i}] has no surname or name`);
    } else {
      if (f.bin !== null) {
        const bin = parseBin(f.bin);
        if (!bin.ok) return reject(LegalEntityRejection.FOUNDER_ID, `founders[${i}].bin ${bin.message}`);
      }
      if (!f.nameRu?.trim() && !f.nameKk?.trim()) return reject(LegalEntityRejection.FOUNDER_ID, `founders[${i}] has no name`);
    }
    if (f.sharePercent !== null) {
      if (!(f.sharePercent > 0 && f.sharePercent <= 100)) return reject(LegalEntityRejection.FOUNDER_SHARE, `founders[${i}].sharePercent must be in (0, 100]`);
      total += f.sharePercent;
    }
  }
  if (total > 100 + SHARE_TOLERANCE) return reject(LegalEntityRejection.FOUNDER_SHARE, `founders' shares add up to ${total.toFixed(2)} percent`);
  return null;
}

function checkParent(parent: ParentOrganization | null): Validation<never> | null {
  if (parent === null) return null;
  if (parent.bin !== null) {
    const bin = parseBin(parent.bin);
    if (!bin.ok) return reject(LegalEntityRejection.PARENT_ID, `parentOrganization.bin ${bin.message}`);
  }
  if (!parent.nameRu?.trim() && !parent.nameKk?.trim() && parent.bin === null) return reject(LegalEntityRejection.PARENT_ID, 'parentOrganization names no one');
  return null;
}

/** Within one batch the same BIN may come twice; keep the latest by event time (stable on ties). */
export function latestPerBin<T extends { entity: LegalEntity }>(items: readonly T[]): T[] {
  return latestByKey(items, (i) => i.entity.bin, (i) => i.entity.eventTime);
}
