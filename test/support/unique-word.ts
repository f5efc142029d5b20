// Syllables in both scripts: a made-up word one run alone uses, so rows of earlier runs in the
// shared database (synthetic names come from a small vocabulary) can never be what a search finds.
export const SYLLABLES: ReadonlyArray<[string, string]> = [
  ['ba', 'ба'], ['ku', 'ку'], ['zhan', 'жан'], ['shy', 'шы'], ['kho', 'хо'], ['ter', 'тер'], ['mal', 'мал'], ['dos', 'дос'], ['rin', 'рин'],
  ['gul', 'гул'], ['nur', 'нур'], ['pek', 'пек'], ['sau', 'сау'], ['vol', 'вол'], ['yem', 'ем'], ['fir', 'фир'],
];

/** A capitalised made-up word of `syllables` syllables, in Latin and Cyrillic spellings. */
export function uniqueWord(random: () => number, syllables: number): { lat: string; cyr: string } {
  const parts = Array.from({ length: syllables }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]);
  const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
  return { lat: cap(parts.map((p) => p[0]).join('')), cyr: cap(parts.map((p) => p[1]).join('')) };
}
