import type { PublicFact } from '@hub/contracts';
import { FactRow, buildProfile, publicProfile } from './profile';
import { PublicFactRejection, latestPerFact, validatePublicFact } from './public-fact.rules';

const NOW = new Date('2026-11-20T10:00:00Z');
const at = (iso: string) => new Date(iso);
const person = {
  kind: 'NATURAL_PERSON' as const, iin: '880512400123', surname: 'Akhmetova', givenName: 'Aigerim', patronymic: null, citizenshipCountry: 'KZ',
  bin: null, nameKk: null, nameRu: null, incorporationCountry: null, foreignRegistrationNumber: null, sharePercent: 60,
};
const registration: FactRow = {
  kind: 'REGISTRATION', itemKey: '', eventTime: at('2026-10-01T00:00:00Z'), updatedAt: at('2026-10-01T00:00:01Z'),
  facts: {
    status: 'ACTIVE', registrationAuthority: 'DoJ', initialRegistrationDate: '2018-03-01', lastReregistrationDate: null, nameKk: '«Altyn» ЖШС', nameRu: 'ТОО «Altyn»',
    nameEn: null, shortNameRu: null, legalForm: 'LLP', headFullName: 'Akhmetova Aigerim', headPosition: 'Director', okedPrimary: '62010', katoCode: '751110000',
    address: 'Almaty', founders: [person], parentOrganization: null,
  },
};
const list = (list: string, includedOn: string, excludedOn: string | null): FactRow => ({
  kind: 'TAX_LIST_MEMBERSHIP', itemKey: `${list}|${includedOn}`, eventTime: at('2026-09-01T00:00:00Z'), updatedAt: at('2026-09-01T00:00:01Z'),
  facts: { list, includedOn, excludedOn, basis: null },
});

describe('register profile from public facts', () => {
  it('merges the kinds, counts founders and flags current list memberships only', () => {
    const p = buildProfile('180340012345', 'BIN', [registration, list('TAX_DEBTOR', '2026-01-01', null), list('PSEUDO_ENTERPRISE', '2024-01-01', '2024-06-01')], NOW)!;
    expect(p.registration).toMatchObject({ nameRu: 'ТОО «Altyn»', founderCounts: { total: 1, naturalPersons: 1, legalEntities: 0 } });
    expect(p.registration!.founders[0].iin).toBe(person.iin);
    expect(p.lists).toMatchObject({ taxDebtor: true, pseudoEnterprise: false, current: ['TAX_DEBTOR'] });
    expect(p.taxLists.map((l) => l.list)).toEqual(['TAX_DEBTOR', 'PSEUDO_ENTERPRISE']);
    expect(p.tax).toBeNull();
    expect(p.asOf).toBe('2026-10-01T00:00:00.000Z');
  });

  it('keeps a natural person\'s IIN out of the public view, and shows lists known before the tax facts', () => {
    const view = publicProfile(buildProfile('180340012345', 'BIN', [registration, list('TAX_DEBTOR', '2026-01-01', null)], NOW)!);
    expect(JSON.stringify(view)).not.toContain(person.iin);
    expect(view).toMatchObject({ sections: ['registration', 'tax'], registration: { founders: [{ surname: 'Akhmetova', sharePercent: 60 }] }, tax: { lists: [{ list: 'TAX_DEBTOR' }] } });
  });

  it('knows nothing without facts', () => {
    expect(buildProfile('180340012345', 'BIN', [], NOW)).toBeNull();
  });
});

describe('validatePublicFact', () => {
  const fact = (over: Partial<PublicFact> = {}): PublicFact => ({
    subjectId: '180340012346', kind: 'STATISTICS', itemKey: '', eventTime: NOW.getTime() - 1000, storedAt: NOW.getTime(), facts: '{"katoCode":"751110000"}', ...over,
  });
  const code = (f: PublicFact, key: string | null = f.subjectId) => { const v = validatePublicFact(f, key, NOW); return v.ok ? 'OK' : v.code; };

  it('takes a well-formed fact and gives each broken rule its code', () => {
    expect(code(fact())).toBe('OK');
    expect(code(fact({ subjectId: '180340012345' }))).toBe(PublicFactRejection.SUBJECT_ID);
    expect(code(fact(), 'other')).toBe(PublicFactRejection.KEY_MISMATCH);
    expect(code(fact({ kind: 'CUSTOMS' as PublicFact['kind'] }))).toBe(PublicFactRejection.UNKNOWN_KIND);
    expect(code(fact({ facts: 'not json' }))).toBe(PublicFactRejection.FACTS_NOT_JSON);
    expect(code(fact({ facts: '[1]' }))).toBe(PublicFactRejection.FACTS_NOT_JSON);
    expect(code(fact({ eventTime: NOW.getTime() + 3_600_000 }))).toBe(PublicFactRejection.DATE_IN_FUTURE);
  });

  it('keeps the latest fact per identity within a batch', () => {
    const a = validatePublicFact(fact({ eventTime: 1 }), null, NOW);
    const b = validatePublicFact(fact({ eventTime: 2 }), null, NOW);
    if (!a.ok || !b.ok) throw new Error('fixtures invalid');
    expect(latestPerFact([{ fact: a.value }, { fact: b.value }]).map((i) => i.fact.eventTime.getTime())).toEqual([2]);
  });
});
