import path from 'node:path';
import { AlgorithmRegistry } from '@hub/algorithms';
import { preliminaryIndexes } from '@hub/perimeter';
import { projectRoot } from '@hub/platform';
import type { Founder } from '../legal-entity';
import {
  MASS_DIRECTOR_FULL_AT, MASS_FOUNDER_FULL_AT, founderKeyList, founderKeys, headKey, headNameKey, massDirectorFeature, massFounderFeature,
} from '../registration-people.rules';
import { FREQUENT_REREGISTRATION_FULL_AT, frequentReregistrationFeature, reregistrationsWithin } from '../reregistration.rules';
import { RegistrationFacts, justiceFeatures, justiceWindow } from './justice.features';

const now = new Date('2026-12-02T10:00:00Z');
const NONE: Founder = {
  kind: 'NATURAL_PERSON', iin: null, surname: null, givenName: null, patronymic: null, citizenshipCountry: null,
  bin: null, nameKk: null, nameRu: null, incorporationCountry: null, foreignRegistrationNumber: null, sharePercent: null,
};
const personFounder = (iin: string | null, surname: string, givenName: string): Founder => ({ ...NONE, iin, surname, givenName, citizenshipCountry: 'KZ', sharePercent: 50 });
const companyFounder = (bin: string | null): Founder => ({ ...NONE, kind: 'LEGAL_ENTITY', bin, nameRu: 'ТОО «Альфа»', sharePercent: 50 });

describe('mass founder and mass director keys (issue 13 item 2)', () => {
  it('keys a founder by IIN or BIN, so namesakes stay apart and one person under two spellings is one key', () => {
    const a = personFounder('850101300123', 'Akhmetov', 'Yerlan');
    const namesake = personFounder('900202300456', 'Akhmetov', 'Yerlan');
    const sameRespelled = personFounder('850101300123', 'AKHMETOV', 'Erlan');
    expect(founderKeys([a])).not.toEqual(founderKeys([namesake]));
    expect(founderKeys([a])).toEqual(founderKeys([sameRespelled]));
    expect(founderKeys([companyFounder('190340012345'), a, a])).toEqual(['bin:190340012345', 'iin:850101300123']);
    // A founder the register does not identify (a foreign person or company) ties no firms together.
    expect(founderKeys([personFounder(null, 'Smith', 'John'), companyFounder(null)])).toEqual([]);
    expect(founderKeyList([])).toBe('');
    expect(founderKeyList([a, companyFounder('190340012345')])).toBe('bin:190340012345 iin:850101300123');
  });

  it('keys a head by the name as written, whatever the case and spacing, so namesakes share it', () => {
    expect(headNameKey('Akhmetov  Yerlan Serikovich')).toBe('akhmetov yerlan serikovich');
    expect(headNameKey(' AKHMETOV Yerlan Serikovich ')).toBe(headNameKey('Akhmetov Yerlan Serikovich'));
    expect(headNameKey('Ахметов Ерлан Серикович')).toBe('ахметов ерлан серикович');
    // Cyrillic and Latin are not unified: the register writes a name in one script.
    expect(headNameKey('Ахметов Ерлан Серикович')).not.toBe(headNameKey('Akhmetov Yerlan Serikovich'));
    expect(headNameKey(null)).toBeNull();
    expect(headNameKey('Seitkali-Ibraimova  Dana')).toBe('seitkali-ibraimova dana');
    expect(headNameKey(' - ')).toBeNull();
    expect(headNameKey(' . ')).toBeNull();
  });

  it('counts namesake heads only within the region of registration', () => {
    expect(headKey('AKHMETOV  Yerlan', '751000000')).toBe(headKey('Akhmetov Yerlan', '751110000'));
    expect(headKey('Akhmetov Yerlan', '751000000')).not.toBe(headKey('Akhmetov Yerlan', '711000000'));
    expect(headKey(null, '751000000')).toBeNull();
  });

  it('is nothing for a founder or head of one other firm, grows on a log scale and is full at its threshold', () => {
    for (const feature of [massFounderFeature, massDirectorFeature]) {
      expect(feature(0)).toBe(0);
      expect(feature(1)).toBe(0);
      const values = [2, 3, 5, 7].map(feature);
      for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]);
    }
    expect(massFounderFeature(MASS_FOUNDER_FULL_AT)).toBe(1);
    expect(massDirectorFeature(MASS_DIRECTOR_FULL_AT)).toBe(1);
    expect(massFounderFeature(400)).toBe(1);
  });

  it('weighs a shared head name (namesakes possible) less than the same number of firms sharing a founder IIN', () => {
    for (const others of [2, 4, MASS_FOUNDER_FULL_AT]) expect(massDirectorFeature(others)).toBeLessThan(massFounderFeature(others));
    expect(MASS_DIRECTOR_FULL_AT).toBeGreaterThan(MASS_FOUNDER_FULL_AT);
  });
});

describe('frequent re-registration (issue 13 item 2)', () => {
  it('counts distinct re-registrations within the last three years of the clock passed in', () => {
    const dates = ['2023-12-03', '2023-12-01', '2025-05-10', '2025-05-10', '2026-11-30'];
    // 2023-12-01 is more than three years before 2026-12-02; the duplicate counts once.
    expect(reregistrationsWithin(dates, now)).toBe(3);
    expect(reregistrationsWithin(dates, new Date('2026-11-29T00:00:00Z'))).toBe(3);
    expect(reregistrationsWithin(dates, new Date('2027-05-11T00:00:00Z'))).toBe(2);
    // A date after the clock is not counted.
    expect(reregistrationsWithin(['2026-12-05'], now)).toBe(0);
  });

  it('is nothing for none or one re-registration, rises on a log scale and is full at four', () => {
    expect(frequentReregistrationFeature([], now)).toBe(0);
    expect(frequentReregistrationFeature(['2026-01-01'], now)).toBe(0);
    expect(frequentReregistrationFeature(['2026-01-01', '2025-01-01'], now)).toBeCloseTo(0.5, 10);
    expect(frequentReregistrationFeature(['2026-01-01', '2025-01-01', '2024-06-01'], now)).toBeGreaterThan(0.5);
    const four = ['2026-01-01', '2025-01-01', '2024-06-01', '2024-02-01'];
    expect(four).toHaveLength(FREQUENT_REREGISTRATION_FULL_AT);
    expect(frequentReregistrationFeature(four, now)).toBe(1);
    expect(frequentReregistrationFeature([...four, '2025-07-07'], now)).toBe(1);
    // The same four, seen five years later: none is frequent any more.
    expect(frequentReregistrationFeature(four, new Date('2031-12-02T00:00:00Z'))).toBe(0);
  });
});

describe('justice features and the candidate index with founders, heads and re-registrations', () => {
  // Calibrated, but not in force: the final indexes it feeds tie with the versions in force (docs/scoring-worlds.md).
  const candidates = new AlgorithmRegistry(path.join(projectRoot(), 'algorithms-candidates'));
  const newest = new Date('2100-01-01T00:00:00Z');
  const facts = (o: Partial<RegistrationFacts> = {}): RegistrationFacts => ({
    status: 'ACTIVE', initialRegistrationDate: '2015-03-04', lastReregistrationDate: null, otherLiveFirmsAtAddress: 0,
    otherLiveFirmsSharingFounder: 0, otherLiveFirmsWithHeadName: 0, reregistrationDates: [], ...o,
  });
  const conscientiousness = (f: RegistrationFacts) =>
    preliminaryIndexes(candidates, 'JUSTICE', ['CONSCIENTIOUSNESS'], { subjectId: 'x', features: justiceFeatures(f, now), window: justiceWindow(f, now) }, newest)[0];

  it('counts the last re-registration date with the history, once', () => {
    expect(justiceFeatures(facts({ lastReregistrationDate: '2026-01-01', reregistrationDates: ['2025-01-01'] }), now).FREQUENT_REREGISTRATION).toBeCloseTo(0.5, 10);
    expect(justiceFeatures(facts({ lastReregistrationDate: '2026-01-01', reregistrationDates: ['2026-01-01'] }), now).FREQUENT_REREGISTRATION).toBe(0);
  });

  it('scores a firm whose founder founded many others, or re-registered often, riskier, and says why in plain words', () => {
    const plain = conscientiousness(facts());
    const nominee = conscientiousness(facts({ otherLiveFirmsSharingFounder: 12 }));
    const churned = conscientiousness(facts({ lastReregistrationDate: '2026-10-01', reregistrationDates: ['2024-03-01', '2025-02-01', '2025-09-01', '2026-10-01'] }));
    expect(nominee.riskValue).toBeGreaterThan(plain.riskValue * 2);
    expect(nominee.factors[0]).toMatchObject({ code: 'MASS_FOUNDER', direction: 'RAISES_RISK', explanation: expect.stringMatching(/founder with several other operating firms/) });
    expect(churned.factors.map((f) => f.code)).toContain('FREQUENT_REREGISTRATION');
    expect(churned.riskValue).toBeGreaterThan(conscientiousness(facts({ lastReregistrationDate: '2026-10-01', reregistrationDates: ['2026-10-01'] })).riskValue);
    // Namesakes: twelve other firms headed by someone of the same name weigh less than twelve sharing a founder's IIN.
    expect(conscientiousness(facts({ otherLiveFirmsWithHeadName: 12 })).riskValue).toBeLessThan(nominee.riskValue);
    for (const code of ['MASS_FOUNDER', 'MASS_DIRECTOR', 'FREQUENT_REREGISTRATION']) expect(plain.factors.map((f) => f.code)).not.toContain(code);
  });
});
