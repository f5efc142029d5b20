import { BinAttribute, BinEntityType, Random, computeCheckDigit } from '@hub/identity';

// Synthetic populations number their identifiers from serial 0 upwards (libs/synthetic), and a
// million entities stay far below serial 90000. Tests draw from serials 9xxxx / 9xxx only, so a
// test never meets a row that a demo or benchmark population left in the shared database.
// Never the same id twice in one test file: with 4 random digits a file drawing 40 BINs of one month
// repeats one about once in twelve draws, and a test waiting for 40 distinct rows then waits forever
// (the compression test's "lost" record was such a repeat: two offsets, one key, one row).
const issued = new Set<string>();

function reserved(prefix: string, random: Random, serialDigits: number): string {
  for (let attempt = 0; attempt < 100_000; attempt++) {
    let serial = '9';
    for (let i = 1; i < serialDigits; i++) serial += Math.floor(random() * 10).toString();
    const check = computeCheckDigit(prefix + serial);
    const id = check === null ? null : prefix + serial + check.toString();
    if (id !== null && !issued.has(id)) {
      issued.add(id);
      return id;
    }
  }
  throw new Error(`no unused test id left under prefix ${prefix}`);
}

export function testBin(
  random: Random,
  registered: { year: number; month: number } = { year: 2000 + Math.floor(random() * 25), month: 1 + Math.floor(random() * 12) },
  type: BinEntityType = BinEntityType.RESIDENT_LEGAL_ENTITY,
  attribute: BinAttribute = BinAttribute.HEAD_OFFICE,
): string {
  return reserved(`${String(registered.year % 100).padStart(2, '0')}${String(registered.month).padStart(2, '0')}${type}${attribute}`, random, 5);
}

export function testIin(random: Random, birthDate: Date, sex: 'male' | 'female'): string {
  const year = birthDate.getUTCFullYear();
  const century = (year < 1900 ? 1 : year < 2000 ? 3 : 5) + (sex === 'female' ? 1 : 0);
  const yymmdd = `${String(year % 100).padStart(2, '0')}${String(birthDate.getUTCMonth() + 1).padStart(2, '0')}${String(birthDate.getUTCDate()).padStart(2, '0')}`;
  return reserved(`${yymmdd}${century}`, random, 4);
}

/** `count` distinct reserved BINs: a batch that must land as `count` rows cannot repeat one. */
export function distinctTestBins(random: Random, count: number): string[] {
  const bins = new Set<string>();
  while (bins.size < count) bins.add(testBin(random));
  return [...bins];
}

/** 12 digits with a valid check digit that are neither a BIN (month 13) nor an IIN (13th month). */
export function validCheckDigitImpossibleStructure(): string {
  for (let serial = 10_000; ; serial++) {
    const first11 = `991370${serial}`;
    const check = computeCheckDigit(first11);
    if (check !== null) return `${first11}${check}`;
  }
}
