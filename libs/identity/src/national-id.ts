import { computeCheckDigit } from './check-digit';

export type NationalIdKind = 'IIN' | 'BIN';

export enum NationalIdError {
  FORMAT = 'ID_FORMAT',
  CHECK_DIGIT = 'ID_CHECK_DIGIT',
  STRUCTURE = 'ID_STRUCTURE',
}

export type NationalIdResult =
  | { ok: true; value: string; kind: NationalIdKind }
  | { ok: false; error: NationalIdError; message: string };

const TWELVE_DIGITS = /^\d{12}$/;

/**
 * Parses a BIN or IIN: 12 digits, a valid check digit, and the structure of one of the two kinds.
 * The kinds cannot collide: an IIN's 5th digit is the tens of a day (0-3), a BIN's is its entity
 * type (4-6).
 */
export function parseNationalId(input: string): NationalIdResult {
  if (!TWELVE_DIGITS.test(input)) {
    return { ok: false, error: NationalIdError.FORMAT, message: 'must be exactly 12 digits' };
  }
  if (computeCheckDigit(input.slice(0, 11)) !== Number(input[11])) {
    return { ok: false, error: NationalIdError.CHECK_DIGIT, message: 'check digit does not match' };
  }
  if (isIinStructure(input)) return { ok: true, value: input, kind: 'IIN' };
  if (isBinStructure(input)) return { ok: true, value: input, kind: 'BIN' };
  return {
    ok: false,
    error: NationalIdError.STRUCTURE,
    message: 'neither an IIN (YYMMDD, century/sex 1-6) nor a BIN (YYMM, type 4-6, attribute 0-3)',
  };
}

export function parseBin(input: string): NationalIdResult {
  const result = parseNationalId(input);
  if (result.ok && result.kind !== 'BIN') {
    return { ok: false, error: NationalIdError.STRUCTURE, message: 'is an IIN, a BIN was expected' };
  }
  return result;
}

const CENTURY_BY_DIGIT: Record<string, number> = { '1': 1800, '2': 1800, '3': 1900, '4': 1900, '5': 2000, '6': 2000 };

export function isIinStructure(id: string): boolean {
  const century = CENTURY_BY_DIGIT[id[6]];
  if (century === undefined) return false;
  const year = century + Number(id.slice(0, 2));
  const month = Number(id.slice(2, 4));
  const day = Number(id.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function isBinStructure(id: string): boolean {
  const month = Number(id.slice(2, 4));
  return month >= 1 && month <= 12 && '456'.includes(id[4]) && '0123'.includes(id[5]);
}

/** Birth date and sex an IIN encodes; only meaningful for a parsed IIN. */
export function describeIin(iin: string): { birthDate: string; sex: 'male' | 'female' } {
  const century = CENTURY_BY_DIGIT[iin[6]];
  const year = century + Number(iin.slice(0, 2));
  return {
    birthDate: `${year}-${iin.slice(2, 4)}-${iin.slice(4, 6)}`,
    sex: Number(iin[6]) % 2 === 1 ? 'male' : 'female',
  };
}
