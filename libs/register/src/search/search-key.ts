/**
 * Pure: a transliteration skeleton of a name, the same for its Kazakh/Russian Cyrillic spelling and
 * its Latin renderings (ICAO 9303, MVD-1997, passport KH, the 2021 Kazakh Latin alphabet), so a
 * trigram comparison of two skeletons tolerates both the script and small typos (NDIP-NOTES §4).
 * Lossy on purpose: it is a search key, never shown.
 */
const CYRILLIC: Record<string, string> = {
  а: 'a', ә: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', і: 'i', к: 'k', қ: 'k',
  л: 'l', м: 'm', н: 'n', ң: 'n', о: 'o', ө: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ұ: 'u', ү: 'u', ф: 'f', х: 'kh', һ: 'h',
  ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

// Latin variants folded to one spelling, longest first: Russian spellings of Kazakh names collapse
// Дж/Ж (Джанбулатов / Жанбулатов), passports write Х as KH while Kazakh Latin writes H, ICAO writes
// ю as IU where MVD writes YU, and so on.
const FOLDS: ReadonlyArray<[RegExp, string]> = [
  [/shch/g, 'sh'], [/dzh|dj|zh/g, 'j'], [/kh/g, 'h'], [/ts/g, 'c'], [/ch/g, 'c'], [/sh/g, 's'], [/ph/g, 'f'], [/q/g, 'k'], [/w/g, 'v'],
  [/x/g, 'ks'], [/ou/g, 'u'], [/y/g, 'i'], [/ie/g, 'e'], [/(.)\1+/g, '$1'],
];

/** Legal-form words and wrappers: the legal form is a filter of its own, not part of the name. */
const FORM_WORDS = [
  'тоо', 'ао', 'пк', 'гкп', 'оф', 'жшс', 'ақ', 'өк', 'мкк', 'филиал', 'филиалы', 'қоғамдық', 'қоры', 'llp', 'jsc', 'branch', 'production',
  'cooperative', 'state', 'enterprise', 'public', 'foundation', 'ie', 'ип', 'жк',
];

function fold(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) out += CYRILLIC[ch] ?? ch;
  // Diacritics of the Latin alphabets (Ä Ğ Ñ Ö Ū Ü Ş Ç İ ı) go to their base letters.
  out = out.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ı/g, 'i');
  out = out.replace(/[^a-z0-9 ]+/g, ' ');
  for (const [pattern, replacement] of FOLDS) out = out.replace(pattern, replacement);
  return out.replace(/\s+/g, ' ').trim();
}

const STOP = new Set(FORM_WORDS.map(fold));

/** The skeleton of a name or a query: folded words, without legal-form words. */
export function searchKey(text: string | null | undefined): string {
  if (!text) return '';
  return fold(text).split(' ').filter((w) => w && !STOP.has(w)).join(' ');
}

/** True when the text holds Cyrillic letters (to say a match crossed scripts). */
export const isCyrillic = (text: string): boolean => /[\u0400-\u04ff]/.test(text);
