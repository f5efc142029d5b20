import { generateBin, seededRandom } from '@hub/identity';
import { CivilCaseRecord } from './civil-case';
import { CourtRejection, latestPerCaseAndParty, validateCivilCase } from './civil-case.rules';

const DAY_MS = 86_400_000;
const now = new Date(Date.UTC(2026, 10, 22, 10));
const today = Math.floor(now.getTime() / DAY_MS);
const partyId = generateBin(seededRandom(3), { year: 2012, month: 6 });
const record = (patch: Partial<CivilCaseRecord> = {}): CivilCaseRecord => ({
  partyId, partyRole: 'DEFENDANT', instance: 'FIRST', region: 'Astana', regionKato: '711000000', court: 'Economic Court of Astana',
  proceedingKind: 'CLAIM', caseCategory: null, caseNumber: '7194-26-00-2/1', caseRegisteredOn: null, actDate: today, actType: 'DECISION',
  actText: 'text', outcome: null, claimAmountTiyn: null, eventTime: now.getTime(), ...patch,
});
const code = (r: CivilCaseRecord) => {
  const v = validateCivilCase(r, r.partyId, now);
  return v.ok ? 'OK' : v.code;
};

describe('civil case rules', () => {
  it('accepts an act dated today and registration on the same day, with every optional field empty', () => {
    expect(code(record({ caseRegisteredOn: today }))).toBe('OK');
  });

  it('rejects an act dated tomorrow and a registration after the act', () => {
    expect(code(record({ actDate: today + 1 }))).toBe(CourtRejection.DATE_IN_FUTURE);
    expect(code(record({ caseRegisteredOn: today + 1, actDate: today }))).toBe(CourtRejection.DATE_IN_FUTURE);
    expect(code(record({ caseRegisteredOn: today - 1, actDate: today - 2 }))).toBe(CourtRejection.DATE_ORDER);
  });

  it('rejects symbols a newer writer schema added', () => {
    expect(code(record({ outcome: 'WITHDRAWN' as unknown as CivilCaseRecord['outcome'] }))).toBe(CourtRejection.ENUM_UNKNOWN);
    expect(code(record({ instance: 'SUPERVISORY' as unknown as CivilCaseRecord['instance'] }))).toBe(CourtRejection.ENUM_UNKNOWN);
  });

  it('accepts a zero claim and rejects a negative one', () => {
    expect(code(record({ claimAmountTiyn: 0 }))).toBe('OK');
    expect(code(record({ claimAmountTiyn: -5 }))).toBe(CourtRejection.NEGATIVE_AMOUNT);
  });

  it('keeps the latest act per case and party within a batch', () => {
    const v = (r: CivilCaseRecord) => { const x = validateCivilCase(r, null, now); if (!x.ok) throw new Error(x.code); return { civilCase: x.value }; };
    const kept = latestPerCaseAndParty([
      v(record({ eventTime: now.getTime() - 10, outcome: 'DENIED' })),
      v(record({ eventTime: now.getTime() - 5, outcome: 'SATISFIED' })),
      v(record({ eventTime: now.getTime() - 20, outcome: 'SETTLED' })),
      v(record({ caseNumber: 'other', eventTime: now.getTime() - 30 })),
    ]);
    expect(kept.map((k) => `${k.civilCase.caseNumber}:${k.civilCase.outcome}`)).toEqual(['7194-26-00-2/1:SATISFIED', 'other:null']);
  });
});
