import { searchKey } from '@hub/register';
import { SYLLABLES } from './unique-word';

/**
 * Search tests find a Cyrillic-only name from its Latin spelling (register-search e2e): every
 * spelling a word can take must share the name's skeleton. Pairs cover every junction of two
 * syllables, where a fold can span both («шы» + «ем» is MVD's SHYYEM; CI failed on it once).
 */
describe('uniqueWord', () => {
  it('spells every two syllables with one skeleton in both scripts', () => {
    // The e2e tests also end a word with a surname's suffix (register-search: «…ова» / …ova).
    const next = [...SYLLABLES, ['ova', 'ова']];
    const differing = SYLLABLES.flatMap(([lat1, cyr1]) => next.map(([lat2, cyr2]) => [`${lat1}${lat2}`, `${cyr1}${cyr2}`]))
      .filter(([lat, cyr]) => searchKey(lat) !== searchKey(cyr));
    expect(differing).toEqual([]);
  });

});
