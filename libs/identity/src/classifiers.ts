// KATO: 9-digit administrative-territorial code. OKED: 5-digit activity code (section digits only,
// the dotted form "62.01.0" is normalised away before storage).
export const KATO_PATTERN = /^\d{9}$/;
export const OKED_PATTERN = /^\d{5}$/;

export const isKato = (code: string): boolean => KATO_PATTERN.test(code);
export const isOked = (code: string): boolean => OKED_PATTERN.test(code);
export const normaliseOked = (code: string): string => code.replace(/\./g, '');

/**
 * OKED sections (the letter level; OKED follows NACE Rev. 2) by the code's first two digits, the
 * division: the peer group a sector-relative ratio compares an entity with (issue 13 item 1).
 */
const OKED_SECTIONS: ReadonlyArray<readonly [section: string, firstDivision: number, lastDivision: number]> = [
  ['A', 1, 3], ['B', 5, 9], ['C', 10, 33], ['D', 35, 35], ['E', 36, 39], ['F', 41, 43], ['G', 45, 47], ['H', 49, 53], ['I', 55, 56],
  ['J', 58, 63], ['K', 64, 66], ['L', 68, 68], ['M', 69, 75], ['N', 77, 82], ['O', 84, 84], ['P', 85, 85], ['Q', 86, 88], ['R', 90, 93],
  ['S', 94, 96], ['T', 97, 98], ['U', 99, 99],
];

/** The OKED section letter of an activity code ('46711' or '46.71.1'), or null for a code outside the classifier. */
export function okedSection(code: string): string | null {
  const digits = normaliseOked(code);
  if (!/^\d{2}/.test(digits)) return null;
  const division = Number(digits.slice(0, 2));
  return OKED_SECTIONS.find(([, from, to]) => division >= from && division <= to)?.[0] ?? null;
}

export type SizeBand = 'MICRO' | 'SMALL' | 'MEDIUM' | 'LARGE';

/** Size band from the statistics bureau's size-class code by headcount (KRP): 1xx codes rise with headcount. */
export function sizeBand(code: string): SizeBand {
  const n = Number(code);
  if (!Number.isFinite(n) || n < 120) return 'MICRO';
  if (n < 140) return 'SMALL';
  if (n < 160) return 'MEDIUM';
  return 'LARGE';
}
