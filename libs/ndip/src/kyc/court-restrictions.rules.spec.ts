import { courtRestrictions, type CourtCaseFact } from './court-restrictions.rules';

const now = new Date('2026-12-01T10:00:00Z');
const c = (over: Partial<CourtCaseFact>): CourtCaseFact => ({ caseNumber: 'n1', partyRole: 'DEFENDANT', caseCategory: 'DEBT_COLLECTION', actDate: '2026-05-01', outcome: 'SATISFIED', ...over });

describe('court restrictions for KYC (BPR §24.8)', () => {
  it.each([
    ['defendant in a bankruptcy case, any outcome', c({ caseCategory: 'BANKRUPTCY', outcome: null }), true],
    ['lost a debt case within three years', c({}), true],
    ['partly lost a debt case', c({ outcome: 'PARTIALLY_SATISFIED' }), true],
    ['lost a debt case exactly three years ago', c({ actDate: '2023-12-01' }), true],
    ['lost a debt case more than three years ago', c({ actDate: '2023-11-30' }), false],
    ['won a debt case', c({ outcome: 'DENIED' }), false],
    ['was the plaintiff', c({ partyRole: 'PLAINTIFF' }), false],
    ['a labour dispute', c({ caseCategory: 'LABOUR' }), false],
  ])('%s', (_n, fact, restricts) => {
    expect(courtRestrictions([fact], now)).toHaveLength(restricts ? 1 : 0);
  });

  it('one case with several acts counts once', () => {
    expect(courtRestrictions([c({}), c({ actDate: '2026-06-01' })], now)).toHaveLength(1);
  });
});
