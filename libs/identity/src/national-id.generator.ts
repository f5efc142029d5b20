import { computeCheckDigit } from './check-digit';

/** A source of uniform numbers in [0, 1); pass a seeded one for deterministic output. */
export type Random = () => number;

export enum BinEntityType {
  RESIDENT_LEGAL_ENTITY = 4,
  NON_RESIDENT_LEGAL_ENTITY = 5,
  JOINT_VENTURE_ENTREPRENEUR = 6,
}

export enum BinAttribute {
  HEAD_OFFICE = 0,
  BRANCH = 1,
  REPRESENTATIVE_OFFICE = 2,
  JOINT_VENTURE_PEASANT_FARM = 3,
}

function digits(random: Random, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += Math.floor(random() * 10).toString();
  return out;
}

/** Draws serials until one admits a check digit (about 1 in 11 prefixes admits none). */
function withCheckDigit(prefix: string, random: Random, serialLength: number): string {
  for (;;) {
    const first11 = prefix + digits(random, serialLength);
    const check = computeCheckDigit(first11);
    if (check !== null) return first11 + check.toString();
  }
}

export function generateBin(
  random: Random,
  registered: { year: number; month: number },
  type: BinEntityType = BinEntityType.RESIDENT_LEGAL_ENTITY,
  attribute: BinAttribute = BinAttribute.HEAD_OFFICE,
): string {
  const yy = String(registered.year % 100).padStart(2, '0');
  const mm = String(registered.month).padStart(2, '0');
  return withCheckDigit(`${yy}${mm}${type}${attribute}`, random, 5);
}

export function generateIin(random: Random, birthDate: Date, sex: 'male' | 'female'): string {
  const year = birthDate.getUTCFullYear();
  const centuryBase = year < 1900 ? 1 : year < 2000 ? 3 : 5;
  const centuryDigit = centuryBase + (sex === 'female' ? 1 : 0);
  const yymmdd =
    String(year % 100).padStart(2, '0') +
    String(birthDate.getUTCMonth() + 1).padStart(2, '0') +
    String(birthDate.getUTCDate()).padStart(2, '0');
  return withCheckDigit(`${yymmdd}${centuryDigit}`, random, 4);
}

/** Mulberry32: tiny, fast, and good enough for synthetic data; deterministic by seed. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
