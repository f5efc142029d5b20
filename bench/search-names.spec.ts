import { seededRandom } from '@hub/identity';
import { LATIN_LETTERS, V2_WORDS, v1Names, v2Names } from './search-names';

describe('search bench names', () => {
  it('v2 draws only words the bench renders wholly in Cyrillic', () => {
    expect(V2_WORDS.filter((w) => !LATIN_LETTERS.test(w))).toEqual([]);
  });

  it('v2 names are nearly all distinct, as in a register (v1 repeated half of them)', () => {
    const count = 100_000;
    const distinct = (gen: typeof v2Names) => {
      const random = seededRandom(4242);
      return new Set(Array.from({ length: count }, () => gen(random))).size;
    };
    expect(distinct(v2Names)).toBeGreaterThan(0.97 * count);
    expect(distinct(v1Names)).toBeLessThan(0.9 * count);
  });

  it('every name starts with a made-up word of at least four letters, which the probes mistype', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 10_000; i++) expect(v2Names(random).split(' ')[0].length).toBeGreaterThanOrEqual(4);
  });
});
