import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAfmList } from './afm.parser';
import { delistings } from './list-snapshot';
import { parseUnConsolidatedList } from './un-consolidated.parser';
import { ListParseFailure } from './xml';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../../test/fixtures', name), 'utf8');
const un = parseUnConsolidatedList(fixture('un-consolidated.xml'));
const byId = (id: string) => {
  const e = un.entries.find((x) => x.entryId === id);
  if (!e) throw new Error(`${id} missing`);
  return e;
};
const unList = (body: string, attrs = 'dateGenerated="2026-09-03T23:00:00.818Z"') => `<?xml version="1.0"?><CONSOLIDATED_LIST ${attrs}>${body}</CONSOLIDATED_LIST>`;

describe('UN SC consolidated list parser', () => {
  it('keeps dateGenerated as the list version and the event time of every record', () => {
    expect(un.listVersion).toBe('2026-09-03T23:00:00.818Z');
    expect(un.entries).toHaveLength(6);
    expect(un.entries.every((e) => e.eventTime === Date.parse('2026-09-03T23:00:00.818Z') && e.listVersion === un.listVersion)).toBe(true);
    expect(un.problems).toEqual([]);
  });

  it('reads individuals and entities with their DATAID as the key and the reference number', () => {
    expect(un.entries.filter((e) => e.kind === 'PERSON').map((e) => e.entryId)).toEqual(['UN_SC:910001', 'UN_SC:910002', 'UN_SC:910003', 'UN_SC:910004']);
    expect(byId('UN_SC:920001')).toMatchObject({ kind: 'ORGANISATION', wholeName: 'STEPPE RELIEF FOUNDATION', referenceNumber: 'QDe.901', program: 'Al-Qaida', givenName: null, familyName: null });
    expect(byId('UN_SC:910002')).toMatchObject({ versionNum: 3, referenceNumber: 'KPi.902', program: 'DPRK' });
  });

  it('joins the non-empty name parts without reordering; first is given, last family, the middle murky', () => {
    expect(byId('UN_SC:910001')).toMatchObject({
      wholeName: 'ZHANBOLAT SERIKULY MUKHAMEDZHANOV', givenName: 'ZHANBOLAT', middleNames: ['SERIKULY'], familyName: 'MUKHAMEDZHANOV',
      nameOriginalScript: 'Жанболат Серікұлы Мұхамеджанов',
    });
    // One part is the whole name, with no given or family name guessed.
    expect(byId('UN_SC:910003')).toMatchObject({ wholeName: 'QAHIRULLAH', givenName: null, middleNames: [], familyName: null });
  });

  it('maps alias quality to strength, skips the empty placeholder and splits "; "-separated names', () => {
    expect(byId('UN_SC:910001').aliases).toEqual([
      { name: 'Zhanbolat Mukhamedzhanov', strength: 'STRONG' },
      { name: 'Abu Said', strength: 'WEAK' },
      { name: 'Zhanbolat Dzhanbulatov', strength: 'PREVIOUS' },
    ]);
    expect(byId('UN_SC:910002').aliases).toEqual([{ name: 'Iurii Khoroshev', strength: 'STRONG' }, { name: 'Yuri Horoshev', strength: 'STRONG' }]);
    // A name without a quality is kept, weak; a quality this code does not know is strong.
    const odd = parseUnConsolidatedList(unList(`<INDIVIDUALS><INDIVIDUAL><DATAID>7</DATAID><FIRST_NAME>A</FIRST_NAME><SECOND_NAME>B</SECOND_NAME>
      <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME>No Quality</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Medium</QUALITY><ALIAS_NAME>Odd Quality</ALIAS_NAME></INDIVIDUAL_ALIAS></INDIVIDUAL></INDIVIDUALS>`));
    expect(odd.entries[0].aliases).toEqual([{ name: 'No Quality', strength: 'WEAK' }, { name: 'Odd Quality', strength: 'STRONG' }]);
  });

  it('keeps dates of birth at their precision: a year stays a year, BETWEEN a year range, a time-zone suffix is dropped', () => {
    expect(byId('UN_SC:910001').birthDates).toEqual([{ precision: 'DAY', date: '1979-04-03', fromYear: null, toYear: null, approximate: false }]);
    expect(byId('UN_SC:910002').birthDates).toEqual([
      { precision: 'YEAR', date: '1968', fromYear: null, toYear: null, approximate: true },
      { precision: 'YEAR_RANGE', date: null, fromYear: 1970, toYear: 1972, approximate: false },
    ]);
    expect(byId('UN_SC:910003').birthDates).toEqual([{ precision: 'YEAR', date: '1963', fromYear: null, toYear: null, approximate: false }]);
    expect(JSON.stringify(un.entries)).not.toContain('1968-01-01');
  });

  it('reads LISTED_ON with a time-zone suffix as the calendar day', () => {
    expect(byId('UN_SC:910001').listedOn).toBe(Math.floor(Date.parse('2015-03-27T00:00:00Z') / 86_400_000));
  });

  it('keeps free-text countries as written, skips empty placeholders, and reads documents', () => {
    const e = byId('UN_SC:910001');
    expect(e.nationalities).toEqual(['USSR (until 1991)', 'Kazakhstan']);
    expect(e.countries).toEqual(['Kazakhstan']); // the empty <COUNTRY/> address and place of birth add nothing
    expect(e.identifiers).toEqual([{ type: 'PASSPORT', value: 'N 1234567', country: 'Kazakhstan' }]);
    expect(byId('UN_SC:920001').countries).toEqual(['Sudan/South Sudan']);
    expect(byId('UN_SC:910002').nationalities).toEqual(['Russian Federation']);
  });

  it('reports an entry without DATAID or name instead of dropping it silently', () => {
    const parsed = parseUnConsolidatedList(unList('<INDIVIDUALS><INDIVIDUAL><DATAID/><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL><INDIVIDUAL><DATAID>5</DATAID><FIRST_NAME/></INDIVIDUAL></INDIVIDUALS>'));
    expect(parsed.entries).toEqual([]);
    expect(parsed.problems.map((p) => p.code)).toEqual(['ID_MISSING', 'NAME_MISSING']);
  });

  it('refuses a DTD (no entity expansion), a file without dateGenerated, another root and malformed XML', () => {
    const code = (xml: string) => { try { parseUnConsolidatedList(xml); return 'OK'; } catch (e) { return (e as { code: string }).code; } };
    expect(code('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"/>')).toBe(ListParseFailure.DTD_FORBIDDEN);
    expect(code(unList('', ''))).toBe(ListParseFailure.LIST_VERSION_MISSING);
    expect(code('<OTHER dateGenerated="2026-01-01T00:00:00Z"/>')).toBe(ListParseFailure.UNEXPECTED_ROOT);
    expect(code('<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS></CONSOLIDATED_LIST>')).toBe(ListParseFailure.MALFORMED_XML);
  });

  it('turns an entry missing from a newer snapshot into a delisted record at the new version', () => {
    const next = parseUnConsolidatedList(fixture('un-consolidated-next.xml'));
    const gone = delistings(un.entries, next);
    expect(gone.map((g) => g.entryId)).toEqual(['UN_SC:910003']);
    expect(gone[0]).toMatchObject({ delisted: true, listVersion: '2026-09-10T23:00:00.104Z', eventTime: Date.parse('2026-09-10T23:00:00.104Z'), wholeName: 'QAHIRULLAH' });
    // Already delisted, another list, or a state newer than the snapshot: nothing to do.
    expect(delistings([...gone, ...parseAfmList(fixture('afm-category-1.xml'), { category: 1, snapshotTime: new Date('2026-09-01T00:00:00Z') }).entries], next)).toEqual([]);
    expect(delistings([{ ...byId('UN_SC:910003'), eventTime: Date.parse('2026-09-11T00:00:00Z') }], next)).toEqual([]);
  });
});

describe('AFM list parser', () => {
  const snapshotTime = new Date('2026-09-05T06:00:00Z');
  const afm = parseAfmList(fixture('afm-category-1.xml'), { category: 1, snapshotTime });

  it('reads category-1 persons in Russian name order with IIN, dd.mm.yyyy birth date and listing date', () => {
    const p = afm.entries.find((e) => e.entryId === 'KZ_AFM:1-850312390008');
    expect(p).toMatchObject({
      list: 'KZ_AFM', kind: 'PERSON', wholeName: 'ЖАНБУЛАТОВ ЕРЛАН КАЙРАТОВИЧ', familyName: 'ЖАНБУЛАТОВ', givenName: 'ЕРЛАН', middleNames: ['КАЙРАТОВИЧ'],
      birthDates: [{ precision: 'DAY', date: '1985-03-12', fromYear: null, toYear: null, approximate: false }],
      identifiers: [{ type: 'IIN', value: '850312390008', country: 'KZ' }],
      listedOn: Math.floor(Date.parse('2019-02-14T00:00:00Z') / 86_400_000),
      listVersion: '2026-09-05T06:00:00.000Z', eventTime: snapshotTime.getTime(),
    });
  });

  it('takes the listing date from "включен от dd.mm.yyyy" when added_to_list is empty, and keys a person without IIN by a digest', () => {
    const p = afm.entries.find((e) => e.wholeName.startsWith('ӘБІЛҚАСЫМОВА'))!;
    expect(p.entryId).toMatch(/^KZ_AFM:1-[0-9a-f]{16}$/);
    expect(p.listedOn).toBe(Math.floor(Date.parse('2020-10-05T00:00:00Z') / 86_400_000));
    expect(p.identifiers).toEqual([]);
  });

  it('reads organisations with every name split on "; " as aliases, and reports a nameless person', () => {
    const org = afm.entries.find((e) => e.kind === 'ORGANISATION')!;
    expect(org.wholeName).toBe('ОО «Жолдастық»');
    expect(org.aliases).toEqual([{ name: 'ОО «Жолдастык»', strength: 'STRONG' }, { name: 'Zholdastyk Public Association', strength: 'STRONG' }]);
    expect(afm.problems.map((p) => p.code)).toEqual(['NAME_MISSING']);
    expect(afm.entries).toHaveLength(4);
  });

  it('reads category-2 participants (persons inside <org>) with org_iin', () => {
    const c2 = parseAfmList(fixture('afm-category-2.xml'), { category: 2, snapshotTime });
    expect(c2.entries).toEqual([expect.objectContaining({
      entryId: 'KZ_AFM:2-990215390009', kind: 'PERSON', wholeName: 'МҰХАМЕДЖАНОВ ДӘУРЕН БОЛАТҰЛЫ', identifiers: [{ type: 'IIN', value: '990215390009', country: 'KZ' }],
    })]);
    // A category-1 snapshot never de-lists category-2 entries.
    expect(delistings(c2.entries, { ...afm, generatedAt: new Date('2026-09-06T00:00:00Z') })).toEqual([]);
  });
});
