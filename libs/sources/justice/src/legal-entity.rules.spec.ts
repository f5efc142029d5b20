import { generateIin, seededRandom } from '@hub/identity';
import { syntheticLegalEntity } from '@hub/synthetic';
import { LegalEntityRegistrationRecord } from './legal-entity';
import { LegalEntityRejection, latestPerBin, validateLegalEntity } from './legal-entity.rules';

const NOW = new Date('2026-11-22T10:00:00Z');
const DAY = 86_400_000;
const today = Math.floor(NOW.getTime() / DAY);

function valid(): LegalEntityRegistrationRecord {
  return { ...syntheticLegalEntity(seededRandom(7), NOW), lastReregistrationDate: null };
}

describe('validateLegalEntity', () => {
  it('accepts a well-formed record and converts dates', () => {
    const record = { ...valid(), initialRegistrationDate: today - 10 };
    const result = validateLegalEntity(record, record.bin, NOW);
    expect(result).toMatchObject({ ok: true, value: { bin: record.bin, initialRegistrationDate: new Date((today - 10) * DAY).toISOString().slice(0, 10) } });
  });

  const cases: Array<[string, (r: LegalEntityRegistrationRecord) => LegalEntityRegistrationRecord, LegalEntityRejection, string | null]> = [
    ['11 digits', (r) => ({ ...r, bin: r.bin.slice(1) }), LegalEntityRejection.BIN_FORMAT, null],
    ['a changed check digit', (r) => ({ ...r, bin: r.bin.slice(0, 11) + ((Number(r.bin[11]) + 1) % 10).toString() }), LegalEntityRejection.BIN_CHECK_DIGIT, null],
    ['an IIN instead of a BIN', (r) => ({ ...r, bin: generateIin(seededRandom(3), new Date(Date.UTC(1985, 3, 15)), 'male') }), LegalEntityRejection.BIN_STRUCTURE, null],
    ['a key that is not the BIN', (r) => r, LegalEntityRejection.KEY_MISMATCH, 'other-key'],
    ['an empty Russian name', (r) => ({ ...r, nameRu: ' ' }), LegalEntityRejection.NAME_MISSING, null],
    ['registration tomorrow', (r) => ({ ...r, initialRegistrationDate: today + 1 }), LegalEntityRejection.DATE_IN_FUTURE, null],
    ['re-registration tomorrow', (r) => ({ ...r, initialRegistrationDate: today - 5, lastReregistrationDate: today + 1 }), LegalEntityRejection.DATE_IN_FUTURE, null],
    ['re-registration before registration', (r) => ({ ...r, initialRegistrationDate: today - 5, lastReregistrationDate: today - 6 }), LegalEntityRejection.DATE_ORDER, null],
    ['an event time an hour ahead', (r) => ({ ...r, eventTime: NOW.getTime() + 3_600_000 }), LegalEntityRejection.DATE_IN_FUTURE, null],
    ['a dotted OKED', (r) => ({ ...r, okedPrimary: '62.01' }), LegalEntityRejection.OKED_FORMAT, null],
    ['an 8-digit KATO', (r) => ({ ...r, katoCode: '71100000' }), LegalEntityRejection.KATO_FORMAT, null],
    ['a founder with a bad IIN check digit', (r) => ({ ...r, founders: r.founders?.map((f) => ({ ...f, iin: f.iin!.slice(0, 11) + ((Number(f.iin![11]) + 1) % 10).toString() })) }), LegalEntityRejection.FOUNDER_ID, null],
    ['a natural-person founder keyed by a BIN', (r) => ({ ...r, founders: r.founders?.map((f) => ({ ...f, iin: r.bin })) }), LegalEntityRejection.FOUNDER_ID, null],
    ['a founder without a name', (r) => ({ ...r, founders: r.founders?.map((f) => ({ ...f, surname: null, givenName: ' ' })) }), LegalEntityRejection.FOUNDER_ID, null],
    ['a zero share', (r) => ({ ...r, founders: r.founders?.map((f) => ({ ...f, sharePercent: 0 })) }), LegalEntityRejection.FOUNDER_SHARE, null],
    ['shares over 100 percent', (r) => ({ ...r, founders: [...(r.founders ?? []), { ...r.founders![0], sharePercent: 10 }] }), LegalEntityRejection.FOUNDER_SHARE, null],
    ['a parent with an IIN for a BIN', (r) => ({ ...r, parentOrganization: { bin: r.founders![0].iin, incorporationCountry: 'KZ', foreignRegistrationNumber: null, nameKk: null, nameRu: 'x' } }), LegalEntityRejection.PARENT_ID, null],
  ];

  it.each(cases)('rejects %s', (_label, mutate, code, key) => {
    const record = mutate(valid());
    const result = validateLegalEntity(record, key ?? record.bin, NOW);
    expect(result).toMatchObject({ ok: false, code });
  });

  it('accepts a record of the first schema version (no founders, no parent) as knowing none', () => {
    const { founders: _f, parentOrganization: _p, ...first } = valid();
    expect(validateLegalEntity(first, first.bin, NOW)).toMatchObject({ ok: true, value: { founders: [], parentOrganization: null } });
  });

  it('keeps founders with their shares and the parent organization', () => {
    const record = valid();
    const parent = { bin: record.bin, incorporationCountry: 'KZ', foreignRegistrationNumber: null, nameKk: null, nameRu: null };
    const result = validateLegalEntity({ ...record, parentOrganization: parent }, record.bin, NOW);
    expect(result).toMatchObject({ ok: true, value: { founders: record.founders, parentOrganization: parent } });
  });

  it('accepts a record without a key (the value is authoritative)', () => {
    expect(validateLegalEntity(valid(), null, NOW).ok).toBe(true);
  });
});

describe('latestPerBin', () => {
  it('keeps the newest event per BIN and the first of equal ones', () => {
    const base = validateLegalEntity(valid(), null, NOW);
    if (!base.ok) throw new Error('fixture invalid');
    const at = (ms: number, tag: string) => ({ tag, entity: { ...base.value, eventTime: new Date(ms) } });
    const result = latestPerBin([at(1, 'a'), at(3, 'b'), at(2, 'c'), at(3, 'd')]);
    expect(result.map((r) => r.tag)).toEqual(['b']);
  });
});
