import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fixtureEntries } from '../../test/watchlist-fixtures';
import { screenSubject } from './matcher';
import { ScreeningConfig, parseScreeningConfig } from './screening-config';
import type { ScreeningSubject } from './screening-types';
import { WatchlistIndex } from './watchlist-index';

const config = parseScreeningConfig(JSON.parse(readFileSync(path.join(__dirname, '../../config/2026.1.json'), 'utf8')));
const index = new WatchlistIndex();
for (const e of fixtureEntries()) index.upsert(e);

const screen = (subject: Partial<ScreeningSubject> & { name: string }, c: ScreeningConfig = config) => screenSubject(index, { kind: 'PERSON', ...subject }, c);
const top = (subject: Partial<ScreeningSubject> & { name: string }) => screen(subject).hits[0];
const feature = (subject: Partial<ScreeningSubject> & { name: string }, name: string) => top(subject)?.features.find((f) => f.name === name);

describe('watchlist matcher', () => {
  it('names the config version and every list version in each result', () => {
    const r = screen({ name: 'Nobody Special' });
    expect(r.configVersion).toBe('2026.1');
    expect(r.listVersions).toEqual({ KZ_AFM: '2026-09-05T06:00:00.000Z', UN_SC: '2026-09-03T23:00:00.818Z' });
    expect(r.hits).toEqual([]);
  });

  it('finds an exact listed name with name_literal_match at full weight', () => {
    const hit = top({ name: 'Zhanbolat Serikuly Mukhamedzhanov' });
    expect(hit).toMatchObject({ list: 'UN_SC', entryId: 'UN_SC:910001', referenceNumber: 'QDi.901', kind: 'PERSON', score: 1 });
    expect(hit.features[0]).toMatchObject({ name: 'name_literal_match', score: 1, weight: 1 });
  });

  it('tolerates a typo (Jaro-Winkler on skeletons) and says which parts paired', () => {
    const hit = top({ name: 'Zhanbolat Serikuly Mukhamedzhanof' });
    expect(hit.entryId).toBe('UN_SC:910001');
    const f = hit.features.find((x) => x.name === 'name_jaro_winkler')!;
    expect(f.score).toBeGreaterThan(0.9);
    expect(f.score).toBeLessThan(1);
    expect(f.detail).toContain('muhamejanov');
    expect(hit.score).toBeGreaterThanOrEqual(config.threshold);
  });

  it('matches Cyrillic against Latin both ways (ICAO, MVD, Kazakh Latin and the Russian collapse of Kazakh letters)', () => {
    expect(top({ name: 'Юрий Хорошев' })).toMatchObject({ entryId: 'UN_SC:910002' });
    expect(feature({ name: 'Юрий Хорошев' }, 'name_transliteration_match')?.weight).toBe(0.95);
    expect(top({ name: 'Yerlan Kayratovich Zhanbulatov' })).toMatchObject({ entryId: 'KZ_AFM:1-850312390008' });
    expect(top({ name: 'Dzhanbulatov Erlan Kairatovich' })).toMatchObject({ entryId: 'KZ_AFM:1-850312390008', matchedName: 'ЖАНБУЛАТОВ ЕРЛАН КАЙРАТОВИЧ' });
    // Kazakh letters written the Russian way (Ә→А, І→И, Қ→К, Ү→У) and in the 2021 Latin alphabet.
    expect(top({ name: 'АБИЛКАСЫМОВА ГУЛНАР КАНАТКЫЗЫ' })?.features[0].name).toBe('name_transliteration_match');
    expect(top({ name: 'Äbılqasymova Gülnar Qanatqyzy' })?.features[0].name).toBe('name_transliteration_match');
    expect(top({ name: 'Жанболат Серикулы Мухамеджанов' })).toMatchObject({ entryId: 'UN_SC:910001' });
  });

  it('matches reordered name parts and says so', () => {
    const f = feature({ name: 'MUKHAMEDZHANOV Zhanbolat Serikuly' }, 'name_transliteration_match');
    expect(f?.detail).toContain('reordered');
    expect(top({ name: 'Khoroshev Yuri' })).toMatchObject({ entryId: 'UN_SC:910002' });
  });

  it('compares dates of birth at the precision both sides have', () => {
    const name = 'Zhanbolat Serikuly Mukhamedzhanov';
    expect(feature({ name, birthDate: '1979' }, 'dob_match')).toBeDefined(); // listed 1979-04-03: the year agrees
    expect(feature({ name, birthDate: '1979-04-03' }, 'dob_match')).toBeDefined();
    expect(feature({ name, birthDate: '1979-03-04' }, 'dob_day_disjoint')).toMatchObject({ score: 0.5, weight: -0.2 }); // day/month swapped
    expect(feature({ name, birthDate: '1979-09-21' }, 'dob_day_disjoint')).toMatchObject({ score: 1 });
    expect(feature({ name, birthDate: '1981-04-03' }, 'dob_year_disjoint')).toMatchObject({ score: 1, weight: -0.15 });
    expect(top({ name, birthDate: '1981-04-03' }).score).toBeCloseTo(1 - 0.15);
    // A year-only DOB is never a day: any day of 1963 agrees; APPROXIMATELY 1968 allows a year either side; BETWEEN is a range.
    expect(feature({ name: 'Qahirullah', birthDate: '1963-12-31' }, 'dob_match')).toBeDefined();
    expect(feature({ name: 'Yuriy Khoroshev', birthDate: '1969-05-01' }, 'dob_match')).toBeDefined();
    expect(feature({ name: 'Yuriy Khoroshev', birthDate: '1971' }, 'dob_match')).toBeDefined();
    expect(feature({ name: 'Yuriy Khoroshev', birthDate: '1975' }, 'dob_year_disjoint')).toBeDefined();
    // No date on the query: no DOB feature at all.
    expect(top({ name }).features.map((f) => f.name)).toEqual(['name_literal_match']);
  });

  it('lowers the score on a country mismatch, but not for a compatible or unknown country', () => {
    const name = 'Zhanbolat Serikuly Mukhamedzhanov';
    expect(feature({ name, country: 'US' }, 'country_mismatch')).toMatchObject({ score: 1, weight: -0.2 });
    expect(top({ name, country: 'US' }).score).toBeCloseTo(0.8);
    expect(feature({ name, country: 'KZ' }, 'country_mismatch')).toBeUndefined();
    expect(feature({ name, country: 'Russia' }, 'country_mismatch')).toBeUndefined(); // "USSR (until 1991)"
    expect(feature({ name, country: 'Atlantis' }, 'country_mismatch')).toBeUndefined();
  });

  it('matches a weak alias only as a whole name, at the weak-alias weight', () => {
    expect(top({ name: 'Abu Said' })).toMatchObject({ entryId: 'UN_SC:910001', matchedName: 'Abu Said', score: 0.8 });
    expect(feature({ name: 'Abu Said' }, 'weak_alias_match')).toMatchObject({ weight: 0.8 });
    expect(screen({ name: 'Abu Sayed' }).hits).toEqual([]);
  });

  it('matches previous names and aliases, and identifiers', () => {
    expect(top({ name: 'Zhanbolat Dzhanbulatov' })).toMatchObject({ entryId: 'UN_SC:910001', matchedName: 'Zhanbolat Dzhanbulatov' });
    const byIin = top({ name: 'Someone Else', identifiers: ['850312390008'] });
    expect(byIin).toMatchObject({ entryId: 'KZ_AFM:1-850312390008', score: 0.85 });
    expect(byIin.features).toEqual([expect.objectContaining({ name: 'identifier_match', score: 1, weight: 0.85 })]);
  });

  it('screens organisations against organisations only, ignoring the legal form', () => {
    expect(screenSubject(index, { kind: 'ORGANISATION', name: 'Kaspiy Trading' }, config).hits[0]).toMatchObject({ entryId: 'UN_SC:920002' });
    expect(screenSubject(index, { kind: 'ORGANISATION', name: 'ТОО "Каспий Трейдинг"' }, config).hits[0]).toMatchObject({ entryId: 'UN_SC:920002' });
    expect(screenSubject(index, { kind: 'ORGANISATION', name: 'Steppe Relief Fondation' }, config).hits[0]).toMatchObject({ entryId: 'UN_SC:920001' });
    expect(screenSubject(index, { kind: 'ORGANISATION', name: 'Zholdastyk' }, config).hits[0]?.list).toBe('KZ_AFM');
    expect(screen({ name: 'Kaspiy Trading' }).hits).toEqual([]); // a person is never matched against an entity
  });

  it('reports a hit exactly at the threshold and none just above it', () => {
    const subject = { name: 'Zhanbolat Serikuly Mukhamedzhanof' };
    const score = top(subject).score;
    expect(screen(subject, { ...config, threshold: score }).hits.map((h) => h.entryId)).toContain('UN_SC:910001');
    expect(screen(subject, { ...config, threshold: score + 0.0001 }).hits.map((h) => h.entryId)).not.toContain('UN_SC:910001');
  });

  it('does not hit unrelated names, and never a de-listed entry', () => {
    expect(screen({ name: 'Daniyar Abenov' }).hits).toEqual([]);
    expect(screen({ name: 'Zhanbolat Serikov' }).hits).toEqual([]);
    const local = new WatchlistIndex();
    const entries = fixtureEntries();
    for (const e of entries) local.upsert(e);
    const q = entries.find((e) => e.entryId === 'UN_SC:910003')!;
    expect(screenSubject(local, { kind: 'PERSON', name: 'Qahirullah' }, config).hits).toHaveLength(1);
    local.upsert({ ...q, delisted: true, eventTime: new Date(q.eventTime.getTime() + 1000), listVersion: 'next' });
    expect(screenSubject(local, { kind: 'PERSON', name: 'Qahirullah' }, config).hits).toEqual([]);
    // An older state arriving late does not bring it back.
    local.upsert(q);
    expect(screenSubject(local, { kind: 'PERSON', name: 'Qahirullah' }, config).hits).toEqual([]);
    expect(local.listVersions().UN_SC).toBe('next');
  });
});
