import { courtGround, justiceGround, taxFactsGrounds, taxListGround } from './grounds';
import { toEpochDay } from './calendar';

const BIN = '180340012345';
const pos = (logicalTopic: string) => ({ topic: `p.${logicalTopic}`, logicalTopic, partition: 3, offset: '41' });
const day = toEpochDay('2026-10-01');

describe('NDIP §33 grounds from the hub\'s feeds', () => {
  it.each<[string, unknown, string | null]>([
    ['BANKRUPT list, still listed', { id: BIN, list: 'BANKRUPT', includedOn: day, excludedOn: null, basis: 'court ruling 12' }, 'BANKRUPTCY_OR_LIQUIDATION'],
    ['BANKRUPT list, excluded again', { id: BIN, list: 'BANKRUPT', includedOn: day, excludedOn: day + 5, basis: null }, null],
    ['another list', { id: BIN, list: 'TAX_DEBTOR', includedOn: day, excludedOn: null, basis: null }, null],
  ])('tax list: %s', (_l, v, ground) => {
    const out = taxListGround(v as never, pos('feed.tax.lists.v1'));
    expect(out.map((e) => e.ground)).toEqual(ground ? [ground] : []);
    if (ground) expect(out[0]).toMatchObject({ topic: 'feed.tax.lists.v1', partition: 3, offset: '41', recordDate: '2026-10-01', bin: BIN });
  });

  it('tax facts: an open bankruptcy proceeding, not rehabilitation or a closed one', () => {
    const v = { id: BIN, insolvencyProceedings: [{ kind: 'BANKRUPTCY', startDate: day, endDate: null }, { kind: 'REHABILITATION', startDate: day, endDate: null }, { kind: 'BANKRUPTCY', startDate: day - 400, endDate: day - 100 }] };
    expect(taxFactsGrounds(v as never, pos('feed.tax.facts.v1')).map((e) => [e.ground, e.recordDate])).toEqual([['BANKRUPTCY_OR_LIQUIDATION', '2026-10-01']]);
  });

  it.each([['IN_LIQUIDATION', 1], ['LIQUIDATED', 1], ['ACTIVE', 0], ['SUSPENDED', 0]])('justice status %s -> %i ground', (status, n) => {
    expect(justiceGround({ bin: BIN, status, eventTime: Date.parse('2026-10-01T10:00:00Z') }, pos('feed.justice.legal-entities.v1'))).toHaveLength(n);
  });

  it.each<[string, Record<string, unknown>, string | null]>([
    ['claim against the company granted', { partyRole: 'DEFENDANT', outcome: 'SATISFIED', actType: 'DECISION', caseCategory: 'DEBT_COLLECTION' }, 'JUDICIAL_RESTRICTION'],
    ['a writ against the company', { partyRole: 'DEFENDANT', outcome: null, actType: 'COURT_ORDER', caseCategory: null }, 'JUDICIAL_RESTRICTION'],
    ['a bankruptcy case against the company', { partyRole: 'DEFENDANT', outcome: null, actType: 'RULING', caseCategory: 'BANKRUPTCY' }, 'BANKRUPTCY_OR_LIQUIDATION'],
    ['claim against the company denied', { partyRole: 'DEFENDANT', outcome: 'DENIED', actType: 'DECISION', caseCategory: 'CONTRACT_DISPUTE' }, null],
    ['the company as plaintiff', { partyRole: 'PLAINTIFF', outcome: 'SATISFIED', actType: 'DECISION', caseCategory: 'DEBT_COLLECTION' }, null],
  ])('court: %s', (_l, over, ground) => {
    const v = { partyId: BIN, caseNumber: '2-1/2026', actDate: day, court: 'SMEC Almaty', ...over };
    expect(courtGround(v as never, pos('feed.court.civil-cases.v1')).map((e) => e.ground)).toEqual(ground ? [ground] : []);
  });

  it('the same fact gets the same evidence id wherever it was read', () => {
    const v = { id: BIN, list: 'BANKRUPT', includedOn: day, excludedOn: null, basis: null };
    expect(taxListGround(v as never, pos('feed.tax.lists.v1'))[0].id).toBe(taxListGround(v as never, { ...pos('feed.tax.lists.v1'), offset: '99' })[0].id);
  });
});
