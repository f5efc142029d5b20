import { NationalIdError, parseNationalId } from '@hub/identity';
import { Validation, latestByKey } from '@hub/platform';

/** Every reason a tax record is refused; each is the dead-letter code of one rule. */
export enum TaxRejection {
  ID_FORMAT = 'ID_FORMAT',
  ID_CHECK_DIGIT = 'ID_CHECK_DIGIT',
  ID_STRUCTURE = 'ID_STRUCTURE',
  KEY_MISMATCH = 'KEY_MISMATCH',
  REQUIRED_FIELD = 'REQUIRED_FIELD',
  DATE_IN_FUTURE = 'DATE_IN_FUTURE',
  DATE_ORDER = 'DATE_ORDER',
  /** A deregistration date without its reason, or a reason without a date. */
  DEREGISTRATION_INCOMPLETE = 'DEREGISTRATION_INCOMPLETE',
  TAX_OFFICE_FORMAT = 'TAX_OFFICE_FORMAT',
  BUDGET_CODE_FORMAT = 'BUDGET_CODE_FORMAT',
  /** A value outside its closed set that Avro cannot express as an enum (e.g. a half-year other than 1 or 2). */
  ENUM_VALUE = 'ENUM_VALUE',
  NEGATIVE_AMOUNT = 'NEGATIVE_AMOUNT',
  AMOUNT_NOT_FINITE = 'AMOUNT_NOT_FINITE',
  DUPLICATE_FISCAL_YEAR = 'DUPLICATE_FISCAL_YEAR',
  FISCAL_YEAR_IN_FUTURE = 'FISCAL_YEAR_IN_FUTURE',
  /** Financials of the running (not yet closed) fiscal year. */
  FISCAL_YEAR_NOT_CLOSED = 'FISCAL_YEAR_NOT_CLOSED',
  /** Financials older than the last three closed fiscal years (BPR §24.1 "for the last three years"). */
  FISCAL_YEAR_OUTSIDE_WINDOW = 'FISCAL_YEAR_OUTSIDE_WINDOW',
}

export const DAY_MS = 86_400_000;
/** Sources' clocks drift; an event time this far ahead is still taken as "now". */
const CLOCK_SKEW_MS = 5 * 60_000;
export const WINDOW_YEARS = 3;

export class RuleFailure extends Error {
  constructor(readonly code: TaxRejection, reason: string) {
    super(reason);
  }
}

/** Rules throw a RuleFailure at the first broken rule; this turns it into a Validation. */
export function runRules<C>(rules: () => C): Validation<C> {
  try {
    return { ok: true, value: rules() };
  } catch (error) {
    if (error instanceof RuleFailure) return { ok: false, code: error.code, reason: error.message };
    throw error;
  }
}

export const fail = (code: TaxRejection, reason: string): never => {
  throw new RuleFailure(code, reason);
};

export const isoDate = (epochDays: number): string => new Date(epochDays * DAY_MS).toISOString().slice(0, 10);
export const isoDateOrNull = (epochDays: number | null): string | null => (epochDays === null ? null : isoDate(epochDays));
export const todayEpochDays = (now: Date): number => Math.floor(now.getTime() / DAY_MS);

const ID_ERRORS: Record<NationalIdError, TaxRejection> = {
  [NationalIdError.FORMAT]: TaxRejection.ID_FORMAT,
  [NationalIdError.CHECK_DIGIT]: TaxRejection.ID_CHECK_DIGIT,
  [NationalIdError.STRUCTURE]: TaxRejection.ID_STRUCTURE,
};

/** BIN or IIN with check digit and structure, and the record key must be that same identifier. */
export function checkId(id: string, key: string | null): void {
  const parsed = parseNationalId(id);
  if (!parsed.ok) fail(ID_ERRORS[parsed.error], `id ${parsed.message}`);
  if (key !== null && key !== id) fail(TaxRejection.KEY_MISMATCH, 'record key must be the BIN/IIN in the value');
}

export function checkNotFuture(field: string, epochDays: number | null, now: Date): void {
  if (epochDays !== null && epochDays > todayEpochDays(now)) fail(TaxRejection.DATE_IN_FUTURE, `${field} is in the future`);
}

export function checkOrder(earlierField: string, earlier: number, laterField: string, later: number | null): void {
  if (later !== null && later < earlier) fail(TaxRejection.DATE_ORDER, `${laterField} is before ${earlierField}`);
}

export function checkEventTime(eventTime: number, now: Date): void {
  if (eventTime > now.getTime() + CLOCK_SKEW_MS) fail(TaxRejection.DATE_IN_FUTURE, 'eventTime is in the future');
}

export function checkRequired(field: string, value: string): void {
  if (!value.trim()) fail(TaxRejection.REQUIRED_FIELD, `${field} is required`);
}

/** Amounts are integers in tiyn (or a ratio); reasons name the field, never the value (it may be a tax secret). */
export function checkAmount(field: string, value: number | null, options: { allowNegative?: boolean } = {}): void {
  if (value === null) return;
  if (!Number.isFinite(value)) fail(TaxRejection.AMOUNT_NOT_FINITE, `${field} must be a finite number`);
  if (!options.allowNegative && value < 0) fail(TaxRejection.NEGATIVE_AMOUNT, `${field} must not be negative`);
}

export const currentYear = (now: Date): number => now.getUTCFullYear();

/** The platform's batch de-duplication by event time, under the name the tax module uses. */
export const latestBy = latestByKey;
