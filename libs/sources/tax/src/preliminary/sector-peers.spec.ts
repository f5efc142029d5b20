import { okedSection } from '@hub/identity';
import { PublicFact } from '@hub/contracts';
import { peerSectors } from '../peer-sector.rules';
import { FinancialTotals, MIN_PEERS, PEER_QUANTILES, percentileAmong, sectorPeers, taxRatios } from './sector-peers';
import { TAX_CONFIDENTIAL_FEATURES, TaxSubject, taxFeatures } from './tax.features';

const MILLION_KZT = 100_000_000; // tiyn
const now = new Date('2026-12-02T12:00:00Z');

/** Three years of one taxpayer's totals: income per employee (M KZT a year) and tax burden. */
const totals = (perStaffMKzt: number, burden: number, staff = 10): FinancialTotals =>
  ({ income: 3 * perStaffMKzt * staff * MILLION_KZT, taxesPaid: 3 * perStaffMKzt * staff * MILLION_KZT * burden, averageStaff: staff, years: 3 });

/** A sector of 200 honest firms around a typical income per employee and burden (±30 %). */
const sector = (section: string, perStaffMKzt: number, burden: number) =>
  Array.from({ length: 200 }, (_, i) => ({ section, totals: totals(perStaffMKzt * (0.7 + (0.6 * i) / 199), burden * (1.3 - (0.6 * ((i * 7) % 200)) / 199)) }));

function taxpayer(perStaffMKzt: number, burden: number, peers: TaxSubject['peers']): TaxSubject {
  const income = perStaffMKzt * 10 * MILLION_KZT;
  return {
    id: '150140000017', facts: null, yearly: [], lists: [], peers,
    financials: [2025, 2024, 2023].map((fiscalYear) => ({
      fiscalYear, totalAssets: income, totalLiabilities: income / 3, totalCapital: income / 2, annualIncome: income, taxableIncome: income / 10,
      vatRefund: 0, staffCount: 10, taxesPaid: income * burden,
    })),
  };
}

describe('sector-relative tax ratios (issue 13 item 1)', () => {
  // Trade (G): four times the turnover per employee at half the burden of the economy; health (Q): the reverse.
  const peers = sectorPeers([...sector('G', 20, 0.04), ...sector('Q', 2.5, 0.12)]);

  it('reads the OKED section from the public registration and statistics facts, statistics and registration alike', () => {
    const fact = (kind: PublicFact['kind'], oked: string, eventTime: number): PublicFact =>
      ({ subjectId: '150140009650', kind, itemKey: '', eventTime, storedAt: eventTime, facts: JSON.stringify({ okedPrimary: oked }) });
    expect(okedSection('46.71.1')).toBe('G');
    expect(okedSection('86101')).toBe('Q');
    expect(okedSection('04000')).toBeNull();
    const read = peerSectors([fact('REGISTRATION', '47111', 1), fact('REGISTRATION', '46711', 2), fact('STATISTICS', '86101', 1), fact('COURT_CASE', '01110', 1)]);
    expect(read.map((s) => [s.kind, s.value])).toEqual([['REGISTRATION', 'G'], ['STATISTICS', 'Q']]);
    expect(peerSectors([{ ...fact('STATISTICS', '86101', 1), facts: 'not json' }, { ...fact('STATISTICS', '86101', 1), subjectId: '123' }])).toEqual([]);
  });

  it('places a ratio among its sector as a share below it, and needs enough peers', () => {
    const g = peers.get('G')!;
    expect(g.peers).toBe(200);
    expect(percentileAmong(g.turnoverPerStaff, 20e6)).toBeCloseTo(0.5, 1);
    expect(percentileAmong(g.turnoverPerStaff, 1)).toBeLessThan(PEER_QUANTILES[0]);
    expect(percentileAmong(g.turnoverPerStaff, 1e12)).toBeGreaterThan(0.99);
    expect(sectorPeers(sector('A', 5, 0.085).slice(0, MIN_PEERS - 1)).size).toBe(0);
  });

  it('does not flag an honest trader for thin margins and high turnover per employee, and does flag the same ratios in medicine', () => {
    const trader = taxFeatures(taxpayer(20, 0.04, peers.get('G')), now);
    const clinicWithTradersRatios = taxFeatures(taxpayer(20, 0.04, peers.get('Q')), now);
    expect(trader.LOW_TAX_BURDEN_IN_SECTOR).toBeLessThan(0.65);
    expect(trader.TURNOVER_PER_STAFF_IN_SECTOR).toBeLessThan(0.65);
    expect(clinicWithTradersRatios.LOW_TAX_BURDEN_IN_SECTOR).toBeGreaterThan(0.95);
    expect(clinicWithTradersRatios.TURNOVER_PER_STAFF_IN_SECTOR).toBeGreaterThan(0.95);
    // The national threshold alone read both the same: that was the assumption to fix.
    expect(trader.LOW_TAX_BURDEN).toBe(clinicWithTradersRatios.LOW_TAX_BURDEN);
  });

  it('leaves the sector features out (unknown) when the sector or its peers are unknown, and keeps them confidential', () => {
    const unknown = taxFeatures(taxpayer(20, 0.04, null), now);
    expect(unknown.LOW_TAX_BURDEN_IN_SECTOR).toBeUndefined();
    expect(unknown.TURNOVER_PER_STAFF_IN_SECTOR).toBeUndefined();
    expect(taxRatios(null)).toBeNull();
    expect(TAX_CONFIDENTIAL_FEATURES.has('LOW_TAX_BURDEN_IN_SECTOR') && TAX_CONFIDENTIAL_FEATURES.has('TURNOVER_PER_STAFF_IN_SECTOR')).toBe(true);
  });
});
