import { seededRandom } from '@hub/identity';
import { searchKey } from '@hub/register';
import { skeleton, transliterate } from '@hub/screening';

/**
 * Both skeletons that cross scripts, the register's search key (BPR §32) and the watchlist
 * matcher's token skeleton (NDIP-NOTES §4), must give a Cyrillic word and its passport spellings the
 * same value: a query typed from a passport finds the name registered in Cyrillic. Checked on
 * pseudo-words built by Russian and Kazakh spelling rules (signs only between a consonant and an
 * iotated vowel, Й only after a vowel, vowels side by side as in «Новые», «Сибирские»): each fold
 * bug found so far (MVD's YYE and IYE, ICAO's IE for Ъ) showed up here in hundreds of words.
 */
const CONSONANTS = [...'бвгджзклмнпрстфхцчшщғқңһ'];
const VOWELS = [...'аеёиоуыэюяәөұүі'];
const IOTATED = [...'еёюя'];

function pseudoWord(random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  let word = pick(CONSONANTS) + pick(VOWELS);
  for (let syllables = 1 + Math.floor(random() * 3); syllables > 0; syllables--) {
    const r = random();
    // A sign's Е or Ё is followed by a consonant (Васильев, подъезд, Соловьёв): MVD's Ь+Е+Я
    // (YEYA) is the Latin string of ICAO's Ъ+Я (IEIA, Подъячев), and the folds read it as the latter.
    if (r < 0.08) {
      const vowel = pick(IOTATED);
      word += pick(CONSONANTS) + pick(['ь', 'ъ']) + vowel + ('её'.includes(vowel) ? pick(CONSONANTS) : '');
    }
    // Two vowels side by side (Новые), never three, and no vowel after Й (only loans: майонез).
    else if (r < 0.2 && CONSONANTS.includes(word.at(-2)!) && VOWELS.includes(word.at(-1)!)) word += pick(VOWELS);
    else word += pick(CONSONANTS) + pick(VOWELS);
    if (random() < 0.15) word += 'й';
    else if (random() < 0.3) word += pick(CONSONANTS) + pick(VOWELS);
  }
  return word;
}

describe('transliteration skeletons', () => {
  const random = seededRandom(20261204);
  const words = Array.from({ length: 20_000 }, () => pseudoWord(random));

  it.each(['ICAO_9303', 'MVD_1997'] as const)('give a Cyrillic word and its %s spelling one register search key', (scheme) => {
    const differing = words.filter((w) => searchKey(w) !== searchKey(transliterate(w, scheme)));
    expect(differing.slice(0, 5).map((w) => `${w} / ${transliterate(w, scheme)}`)).toEqual([]);
  });

  it.each(['ICAO_9303', 'MVD_1997'] as const)('give a Cyrillic word and its %s spelling one watchlist skeleton', (scheme) => {
    const differing = words.filter((w) => skeleton(w) !== skeleton(transliterate(w, scheme)));
    expect(differing.slice(0, 5).map((w) => `${w} / ${transliterate(w, scheme)}`)).toEqual([]);
  });

  it('give Kazakh names one register key and one skeleton in Cyrillic and in the 2021 Kazakh Latin alphabet', () => {
    // Real names: the 2021 alphabet writes Х as H, so a made-up З+Х or Ш+Һ reads as Ж or Ш (kept out).
    const names = ['Асхат', 'Жанболат', 'Нұрсұлтан', 'Әбілқасымова', 'Ғалымжан', 'Шыңғыс', 'Өмірзақ', 'Құдайберген', 'Айгүл', 'Мұхтар', 'Зейнеп', 'Серікұлы', 'Бейбітшілік', 'Үміт'];
    const differing = names.filter((n) => searchKey(n) !== searchKey(transliterate(n, 'KAZAKH_LATIN_2021'))
      || skeleton(n) !== skeleton(transliterate(n, 'KAZAKH_LATIN_2021')));
    expect(differing).toEqual([]);
  });
});
