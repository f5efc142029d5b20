import { UtilityServiceKindValues } from '@hub/contracts';
import { NationalIdError, parseBin, parseNationalId } from '@hub/identity';
import { Validation, latestByKey } from '@hub/platform';
import { ArrearsReport, UtilityArrearsRecord } from './utility-arrears';

export enum UtilityRejection {
  ID_FORMAT = 'ID_FORMAT',
  ID_CHECK_DIGIT = 'ID_CHECK_DIGIT',
  ID_STRUCTURE = 'ID_STRUCTURE',
  KEY_MISMATCH = 'KEY_MISMATCH',
  SUPPLIER_BIN_FORMAT = 'SUPPLIER_BIN_FORMAT',
  SUPPLIER_BIN_CHECK_DIGIT = 'SUPPLIER_BIN_CHECK_DIGIT',
  /** Not a BIN's structure, including an IIN: a natural monopoly is a legal entity. */
  SUPPLIER_BIN_STRUCTURE = 'SUPPLIER_BIN_STRUCTURE',
  REQUIRED_FIELD_MISSING = 'REQUIRED_FIELD_MISSING',
  /** A symbol the hub does not know: the writer's schema (by id) is newer than this code. */
  ENUM_UNKNOWN = 'ENUM_UNKNOWN',
  PERIOD_FORMAT = 'PERIOD_FORMAT',
  PERIOD_IN_FUTURE = 'PERIOD_IN_FUTURE',
  NEGATIVE_MONTHS_OVERDUE = 'NEGATIVE_MONTHS_OVERDUE',
  NEGATIVE_AMOUNT = 'NEGATIVE_AMOUNT',
  DATE_IN_FUTURE = 'DATE_IN_FUTURE',
  DATE_ORDER = 'DATE_ORDER',
}

export const CLOCK_SKEW_MS = 5 * 60_000;
/** §24.10: non-payment "for a period of more than one month". */
export const NON_PAYMENT_MIN_MONTHS = 2;
const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const ID_ERRORS: Record<NationalIdError, UtilityRejection> = {
  [NationalIdError.FORMAT]: UtilityRejection.ID_FORMAT,
  [NationalIdError.CHECK_DIGIT]: UtilityRejection.ID_CHECK_DIGIT,
  [NationalIdError.STRUCTURE]: UtilityRejection.ID_STRUCTURE,
};
const SUPPLIER_ERRORS: Record<NationalIdError, UtilityRejection> = {
  [NationalIdError.FORMAT]: UtilityRejection.SUPPLIER_BIN_FORMAT,
  [NationalIdError.CHECK_DIGIT]: UtilityRejection.SUPPLIER_BIN_CHECK_DIGIT,
  [NationalIdError.STRUCTURE]: UtilityRejection.SUPPLIER_BIN_STRUCTURE,
};

const reject = (code: UtilityRejection, reason: string): Validation<never> => ({ ok: false, code, reason });

/** 'YYYY-MM' of a moment, in UTC. */
export const periodOf = (at: Date): string => at.toISOString().slice(0, 7);

/** A month of arrears is a fact of non-payment under §24.10 only past one month overdue. */
export const isNonPayment = (monthsOverdue: number): boolean => monthsOverdue >= NON_PAYMENT_MIN_MONTHS;

/** Pure: every rule an arrears record must pass, with "now" passed in. */
export function validateUtilityArrears(record: UtilityArrearsRecord, key: string | null, now: Date): Validation<ArrearsReport> {
  const id = parseNationalId(record.id);
  if (!id.ok) return reject(ID_ERRORS[id.error], `id ${id.message}`);
  if (key !== null && key !== record.id) return reject(UtilityRejection.KEY_MISMATCH, 'record key must be the customer BIN/IIN in the value');
  const supplier = parseBin(record.supplierBin);
  if (!supplier.ok) return reject(SUPPLIER_ERRORS[supplier.error], `supplierBin ${supplier.message}`);
  if (record.supplierName.trim().length === 0) return reject(UtilityRejection.REQUIRED_FIELD_MISSING, 'supplierName is required');
  if (!(UtilityServiceKindValues as readonly string[]).includes(record.serviceKind)) {
    return reject(UtilityRejection.ENUM_UNKNOWN, 'serviceKind has a symbol this hub does not know');
  }
  const period = PERIOD_PATTERN.exec(record.billingPeriod);
  if (!period) return reject(UtilityRejection.PERIOD_FORMAT, "billingPeriod must be 'YYYY-MM' with a month 01-12");
  if (record.billingPeriod > periodOf(now)) return reject(UtilityRejection.PERIOD_IN_FUTURE, 'billingPeriod is after the current month');
  if (record.monthsOverdue < 0) return reject(UtilityRejection.NEGATIVE_MONTHS_OVERDUE, 'monthsOverdue is negative');
  if (record.amountOwedTiyn < 0) return reject(UtilityRejection.NEGATIVE_AMOUNT, 'amountOwedTiyn is negative');
  if (record.eventTime > now.getTime() + CLOCK_SKEW_MS) return reject(UtilityRejection.DATE_IN_FUTURE, 'eventTime is in the future');
  // A report on a month cannot be recorded before that month began.
  if (record.eventTime < Date.UTC(Number(period[1]), Number(period[2]) - 1, 1)) {
    return reject(UtilityRejection.DATE_ORDER, 'eventTime is before the start of billingPeriod');
  }
  return {
    ok: true,
    value: {
      id: record.id,
      supplierBin: record.supplierBin,
      supplierName: record.supplierName,
      serviceKind: record.serviceKind,
      billingPeriod: record.billingPeriod,
      monthsOverdue: record.monthsOverdue,
      amountOwedTiyn: record.amountOwedTiyn,
      eventTime: new Date(record.eventTime),
    },
  };
}

/** Within one batch the same row may come twice; keep the latest by event time (first wins on ties). */
export function latestPerRow<T extends { report: ArrearsReport }>(items: readonly T[]): T[] {
  return latestByKey(items, ({ report: r }) => `${r.id}|${r.supplierBin}|${r.serviceKind}|${r.billingPeriod}`, (i) => i.report.eventTime);
}
