import path from 'node:path';
import { AlgorithmRegistry } from '@hub/algorithms';
import { preliminaryIndexes } from '@hub/perimeter';
import { projectRoot } from '@hub/platform';
import { MASS_ADDRESS_FULL_AT, isLive, massAddressFeature, registrationAddressKey } from '../registration-address.rules';
import { RegistrationFacts, justiceFeatures, justiceWindow } from './justice.features';

const now = new Date('2026-12-02T10:00:00Z');
// The feature is weighed by the version in force since the issue-13 preliminary round (the newest file wins).
const inForce = new AlgorithmRegistry(path.join(projectRoot(), 'algorithms'));
const newest = new Date('2100-01-01T00:00:00Z');
const facts = (otherLiveFirmsAtAddress: number): RegistrationFacts => ({ status: 'ACTIVE', initialRegistrationDate: '2019-03-04', lastReregistrationDate: null, otherLiveFirmsAtAddress, otherLiveFirmsSharingFounder: 0, otherLiveFirmsWithHeadName: 0, reregistrationDates: [] });
const conscientiousness = (f: RegistrationFacts) =>
  preliminaryIndexes(inForce, 'JUSTICE', ['CONSCIENTIOUSNESS'], { subjectId: 'x', features: justiceFeatures(f, now), window: justiceWindow(f, now) }, newest)[0];

describe('mass registration address (issue 13 item 2)', () => {
  it('reads the ways a clerk writes one building as one key', () => {
    // The heterogeneous world's three spellings (libs/synthetic justice feed), and Russian ones.
    const building = ['Almaty, Abay Ave 101', 'ALMATY, Abay Ave 101, office 23', 'Almaty Abay Ave, 101', 'almaty,  abay avenue 101, office 7'];
    expect(new Set(building.map(registrationAddressKey))).toEqual(new Set(['almaty abay 101']));
    const russian = ['г. Алматы, ул. Абая, д. 101, оф. 12', 'Алматы, Абая 101', '050000, г.Алматы, улица Абая, 101, кв. 5', 'Республика Казахстан, г. Алматы, Абая 101, офис №305'];
    expect(new Set(russian.map(registrationAddressKey))).toEqual(new Set(['алматы абая 101']));
  });

  it('keeps different buildings apart, and does not take a district name for an office', () => {
    expect(registrationAddressKey('Almaty, Abay Ave 10')).not.toBe(registrationAddressKey('Almaty, Abay Ave 101'));
    expect(registrationAddressKey('Astana, Abay Ave 101')).not.toBe(registrationAddressKey('Almaty, Abay Ave 101'));
    expect(registrationAddressKey('Алматы, 5 квартал, 12')).toBe('алматы 5 квартал 12');
    expect(registrationAddressKey(' , ')).toBeNull();
  });

  it('counts only firms still at the address', () => {
    expect(['REGISTERED', 'ACTIVE', 'SUSPENDED'].every((s) => isLive(s as never))).toBe(true);
    expect(['IN_LIQUIDATION', 'LIQUIDATED', 'REORGANIZED'].some((s) => isLive(s as never))).toBe(false);
  });

  it('is nothing alone or beside one neighbour, grows with the firms at the address and is full from MASS_ADDRESS_FULL_AT others on', () => {
    expect(massAddressFeature(0)).toBe(0);
    expect(massAddressFeature(1)).toBe(0);
    const values = [2, 3, 4, 6, MASS_ADDRESS_FULL_AT].map(massAddressFeature);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]);
    expect(massAddressFeature(MASS_ADDRESS_FULL_AT)).toBe(1);
    expect(massAddressFeature(500)).toBe(1);
  });

  it('scores a firm at an address shared by many live firms riskier than one at an address of its own, and says why in plain words', () => {
    const alone = conscientiousness(facts(0));
    const mass = conscientiousness(facts(40));
    expect(mass.riskValue).toBeGreaterThan(alone.riskValue * 1.5);
    expect(alone.factors.map((f) => f.code)).not.toContain('MASS_REGISTRATION_ADDRESS');
    expect(mass.factors[0]).toMatchObject({ code: 'MASS_REGISTRATION_ADDRESS', direction: 'RAISES_RISK', explanation: expect.stringMatching(/address where many other operating firms are registered/) });
  });
});
