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
// ю as IU where MVD writes YU, and so on. Doubled letters fold before IE: MVD writes the е after ы
// or и as YE, so «Новые» is NOVYYE and «Сибирские» SIBIRSKIYE, whose Y's fold to II; collapsed
// after IE they kept an I the Cyrillic spelling's skeleton has not (novie against nove). ICAO 9303
// writes Ъ as IE, so «Подъячев» is PODIEIACHEV where MVD writes PODYACHEV: IEIA and IEIU fold to IA
// and IU (not every IEI: MVD's ANDREYEVICH is one, and Андреевич has no I).
const FOLDS: ReadonlyArray<[RegExp, string]> = [
  [/shch/g, 'sh'], [/dzh|dj|zh/g, 'j'], [/kh/g, 'h'], [/ts/g, 'c'], [/ch/g, 'c'], [/sh/g, 's'], [/ph/g, 'f'], [/q/g, 'k'], [/w/g, 'v'],
  [/x/g, 'ks'], [/ou/g, 'u'], [/y/g, 'i'], [/([^aeiou])iei([au])/g, '$1i$2'], [/(.)\1+/g, '$1'], [/ie/g, 'e'], [/(.)\1+/g, '$1'],
];

/**
 * The version of the skeleton: raise it with every change to the folds above. Stored skeletons were
 * made by the version that wrote them; SearchKeyRefresh rewrites those of an older one at start-up.
 * 1: until 2026-12-04. 2: doubled letters fold before IE; IEIA/IEIU (ICAO's Ъ before Я/Ю) fold to IA/IU.
 */
export const SEARCH_KEY_VERSION = 2;

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

/** A subject's names as the register stores them (register.subjects; short Russian name from its registration). */
export interface SubjectNames {
  idKind: 'BIN' | 'IIN';
  nameKk: string | null;
  nameRu: string | null;
  nameEn: string | null;
  shortNameRu: string | null;
  personName: string | null;
}

/** The skeletons stored beside a subject's names: one per name, and `all` that the term index is built from. */
export interface SubjectKeys { kk: string; ru: string; en: string; person: string; all: string }

/**
 * Pure: a subject's skeletons. A legal entity is found by its Kazakh, Russian and English names (the
 * short Russian one standing in for a missing English one), an entrepreneur by surname, name and
 * patronymic (BPR §32).
 */
export function subjectKeys(n: SubjectNames): SubjectKeys {
  if (n.idKind === 'IIN') {
    const person = searchKey(n.personName);
    return { kk: '', ru: '', en: '', person, all: person };
  }
  const [kk, ru, en] = [searchKey(n.nameKk), searchKey(n.nameRu), searchKey(n.nameEn ?? n.shortNameRu)];
  return { kk, ru, en, person: '', all: [...new Set([kk, ru, en].filter(Boolean))].join(' | ') };
}
