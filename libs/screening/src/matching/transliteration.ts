/**
 * Cyrillic (Russian and Kazakh) to Latin, and a spelling-independent "skeleton" of a name token
 * so that the many Latin spellings of one Cyrillic name meet (NDIP-NOTES §4). Pure.
 */
export type TransliterationScheme = 'ICAO_9303' | 'MVD_1997' | 'KAZAKH_LATIN_2021';

/** ICAO Doc 9303 Part 3 (Russian), as machine-readable passports since 2013. */
const ICAO_9303: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p',
  р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: 'ie', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
  і: 'i',
  // Kazakh letters: passport rendering unconfirmed (NDIP-NOTES §4); the common plain-Latin forms.
  ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h',
};

/** The older MVD (1997) passport spelling: й y, ю yu, я ya, ъ dropped (NDIP-NOTES §4). */
const MVD_1997: Readonly<Record<string, string>> = { ...ICAO_9303, й: 'y', ю: 'yu', я: 'ya', ъ: '' };
/**
 * MVD-1997 writes Е and Ё as YE at the start of a word and after a vowel or a sign (Ельцин YELTSIN,
 * Новые NOVYYE, Дмитриевич DMITRIYEVICH, Васильев VASILYEV); elsewhere E.
 */
const MVD_YE_AFTER = new Set([...'аеёиоуыэюяәөұүіъь']);
const mvdYe = (lower: string, previous: string | undefined): boolean => (lower === 'е' || lower === 'ё') && (previous === undefined || MVD_YE_AFTER.has(previous));

/**
 * The 2021 Kazakh Latin alphabet: Ә Ä, Ғ Ğ, Ж J, И/Й İ, І I (ı), Қ Q, Ң Ñ, Ө Ö, Ұ Ū, Ү Ü, Х/Һ H.
 * Ш Ş and Ч Ç are unconfirmed (NDIP-NOTES §4); Russian-only letters keep their ICAO form.
 */
const KAZAKH_LATIN_2021: Readonly<Record<string, string>> = {
  ...ICAO_9303,
  ә: 'ä', ғ: 'ğ', ж: 'j', и: 'i', й: 'i', і: 'ı', қ: 'q', ң: 'ñ', ө: 'ö', ұ: 'ū', ү: 'ü', х: 'h', һ: 'h', ш: 'ş', ч: 'ç', ъ: '', ы: 'y',
};

const SCHEMES: Readonly<Record<TransliterationScheme, Readonly<Record<string, string>>>> = { ICAO_9303, MVD_1997, KAZAKH_LATIN_2021 };

const CYRILLIC = /[\u0400-\u04FF]/;
export const hasCyrillic = (s: string): boolean => CYRILLIC.test(s);

function applyCase(source: string, out: string, wordIsUpper: boolean): string {
  if (out.length === 0 || source === source.toLowerCase()) return out;
  return wordIsUpper ? out.toUpperCase() : out[0].toUpperCase() + out.slice(1);
}

/** Transliterates Cyrillic letters by a scheme, keeping Latin, digits and punctuation as they are. */
export function transliterate(text: string, scheme: TransliterationScheme): string {
  const table = SCHEMES[scheme];
  return text.replace(/[\p{L}]+/gu, (word) => {
    const upper = word.length > 1 && word === word.toUpperCase();
    let out = '';
    let previous: string | undefined;
    for (const ch of word) {
      const lower = ch.toLowerCase();
      const mapped = scheme === 'MVD_1997' && mvdYe(lower, previous) ? 'ye' : table[lower];
      out += mapped === undefined ? ch : applyCase(ch, mapped, upper);
      previous = lower;
    }
    return out;
  });
}

/**
 * How Russian spelling writes Kazakh names: Ә→А, Ө→О, Ү/Ұ→У, Қ→К, Ң→Н, Ғ→Г, Һ→Х, І→И
 * (Kazakh anthroponym instruction, NDIP-NOTES §4).
 */
export function russianSpelling(text: string): string {
  const map: Record<string, string> = { ә: 'а', ө: 'о', ү: 'у', ұ: 'у', қ: 'к', ң: 'н', ғ: 'г', һ: 'х', і: 'и' };
  return text.replace(/[әөүұқңғһіӘӨҮҰҚҢҒҺІ]/g, (c) => {
    const m = map[c.toLowerCase()];
    return c === c.toLowerCase() ? m : m.toUpperCase();
  });
}

/** Canonical Cyrillic→Latin for skeletons: ICAO, with the signs dropped. */
const CANONICAL: Readonly<Record<string, string>> = { ...ICAO_9303, ъ: '', ь: '' };
const LATIN_SPECIAL: Readonly<Record<string, string>> = { ş: 'sh', ç: 'ch', ı: 'i', ß: 'ss', æ: 'ae', ø: 'o', đ: 'd', ł: 'l' };

/** Folds spelling variants that transliteration produces (order matters: longer patterns first). */
const FOLDS: ReadonlyArray<[RegExp, string]> = [
  [/shch|sch/g, 'sh'], [/tch/g, 'ch'],
  [/dzh|dj|zh/g, 'j'],
  [/kh/g, 'h'], [/gh/g, 'g'], [/ph/g, 'f'],
  [/ts|tz/g, 'c'], [/ck/g, 'k'], [/x/g, 'ks'], [/q/g, 'k'], [/w/g, 'v'],
  [/ou/g, 'u'],
  [/y/g, 'i'],
  // ICAO 9303 writes Ъ as IE: Подъячев is PODIEIACHEV where MVD writes PODYACHEV (not every IEI:
  // MVD's ANDREYEVICH is one, and Андреевич has no I).
  [/([^aeiou])iei([au])/g, '$1i$2'],
  // Doubled letters before IE: MVD writes the е after и as YE, so Дмитриевич is DMITRIYEVICH, whose
  // IY folds to II; collapsed after IE it kept an I that ICAO's DMITRIEVICH has not.
  [/(.)\1+/g, '$1'],
  // Yevgeniy / Evgenii / Sergeyevich / Sergeevich: an "ie" after the y→i fold is an e.
  [/ie/g, 'e'],
  [/(.)\1+/g, '$1'],
];

/** One token in lowercase Latin letters and digits: Cyrillic transliterated, diacritics removed. */
export function latinize(token: string): string {
  let out = '';
  for (const ch of token.normalize('NFC').toLowerCase()) out += CANONICAL[ch] ?? LATIN_SPECIAL[ch] ?? ch;
  return out.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[^a-z0-9\p{L}]/gu, '');
}

/**
 * The token's skeleton: the same for ICAO, MVD, Kazakh Latin and common English spellings of one
 * name (Жанболат, Zhanbolat, Janbolat; Юрий, Iurii, Yuriy, Yuri; Хасан, Khasan, Hassan), and the
 * same for the Russian spelling of a Kazakh name (Қайрат, Кайрат, Qairat, Kairat).
 */
export function skeleton(token: string): string {
  let s = latinize(token);
  if (!/^[a-z0-9]+$/.test(s)) return s; // another script (Arabic, Chinese): compared as written
  for (const [re, to] of FOLDS) s = s.replace(re, to);
  return s;
}

/** Splits a name into tokens on spaces, hyphens and punctuation; apostrophes join (O'Neil, Il'ya). */
export function nameTokens(name: string): string[] {
  return name.normalize('NFC').replace(/['’ʼ`ʻ]/g, '').split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
}

/** Light cleaning for a literal comparison: case, punctuation and spacing only (same script). */
export function cleanLight(name: string): string {
  return nameTokens(name).map((t) => t.toLowerCase()).join(' ');
}
