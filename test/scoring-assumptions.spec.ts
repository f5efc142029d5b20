import path from 'node:path';
import { AlgorithmRegistry } from '@hub/algorithms';
import { BprSource, Features, IndexWindow, preliminaryIndexes } from '@hub/perimeter';
import { projectRoot } from '@hub/platform';
import { FinalIndexName, PreliminaryIndex, algorithmsAt, computeFinalIndexes, validatePreliminaryIndex } from '@hub/scoring';
import { CourtCaseFact, courtFeatures, courtWindow } from '@hub/source-court';
import { RegistrationFacts, justiceFeatures, justiceWindow } from '@hub/source-justice';
import { statisticsFeatures, statisticsWindow } from '@hub/source-statistics';
import { SectorPeers, TaxSubject, sectorPeers, taxFeatures, taxWindow } from '@hub/source-tax';

/**
 * Issue 13's domain assumptions, end to end through the algorithms in force: each perimeter's pure
 * features, its preliminary indexes, and the four final indexes, as a user reads them. Scored by
 * every version in algorithms/ (a far-future clock picks the newest), so a version that puts a
 * wrong assumption back fails here before it is rolled out.
 */
const registry = new AlgorithmRegistry(path.join(projectRoot(), 'algorithms'));
const newest = new Date('2100-01-01T00:00:00Z');
const now = new Date('2026-12-02T12:00:00Z');
const MILLION_KZT = 100_000_000; // tiyn

interface Firm {
  tax: TaxSubject;
  justice: RegistrationFacts;
  court: CourtCaseFact[];
  debtCasesPerFirmOfItsSize: number | null;
  sizeClassCode: string;
}

/** An ordinary, healthy LLP: ten years old, 100 M KZT a year, 20 staff, typical burden, no cases. */
function firm(change: (f: Firm) => void = () => undefined): Firm {
  const f: Firm = {
    tax: {
      id: '150140000017',
      facts: {
        registrationDate: '2015-03-01', deregistrationDate: null, suspensions: [], riskAudits: [], nonFilings: [], insolvencyProceedings: [],
        riskCategory: 'LOW', taxDebtTiyn: 0, liquidationAuditApplicationDate: null, sanctions: [],
      },
      yearly: [2023, 2024, 2025].map((fiscalYear) => ({ fiscalYear, taxBurdenCoefficient: 0.09, taxesPaidTiyn: 9 * MILLION_KZT })),
      lists: [],
      financials: [2025, 2024, 2023].map((fiscalYear) => ({
        fiscalYear, totalAssets: 60 * MILLION_KZT, totalLiabilities: 24 * MILLION_KZT, totalCapital: 36 * MILLION_KZT, annualIncome: 100 * MILLION_KZT,
        taxableIncome: 8 * MILLION_KZT, vatRefund: 0, staffCount: 20, taxesPaid: 9 * MILLION_KZT,
      })),
    },
    justice: {
      status: 'ACTIVE', initialRegistrationDate: '2015-03-01', lastReregistrationDate: null, otherLiveFirmsAtAddress: 0, otherLiveFirmsSharingFounder: 0,
      otherLiveFirmsWithHeadName: 0, reregistrationDates: [],
    },
    court: [],
    debtCasesPerFirmOfItsSize: 0.5,
    sizeClassCode: '120',
  };
  change(f);
  return f;
}

function preliminary(source: BprSource, features: Features, window: IndexWindow, confidential?: ReadonlySet<string>): PreliminaryIndex[] {
  const kinds = registry.names().filter((n) => n.startsWith(`${source.toLowerCase()}.`))
    .map((n) => n.split('.')[1].toUpperCase().replace(/-/g, '_') as PreliminaryIndex['indexKind']);
  // Through the scoring lib's own validation, as the scoring consumer reads bpr.preliminary-indexes.v1.
  return preliminaryIndexes(registry, source, kinds, { subjectId: '150140009650', features, window }, newest, confidential).map((p) => {
    const read = validatePreliminaryIndex(p, p.subjectId, newest);
    if (!read.ok) throw new Error(`${source} index rejected: ${read.code} ${read.reason}`);
    return read.value;
  });
}

/** The four final risks of a firm, by index. */
function finalRisks(f: Firm): Record<FinalIndexName, number> {
  const inputs = [
    ...preliminary('TAX', taxFeatures(f.tax, now), taxWindow(now)),
    ...preliminary('JUSTICE', justiceFeatures(f.justice, now), justiceWindow(f.justice, now)),
    ...preliminary('COURT', courtFeatures(f.court, now, f.debtCasesPerFirmOfItsSize), courtWindow(now)),
    ...preliminary('STATISTICS', statisticsFeatures({ okedSecondaryCount: 1, sizeClassCode: f.sizeClassCode, recordedAt: now }), statisticsWindow({ okedSecondaryCount: 1, sizeClassCode: f.sizeClassCode, recordedAt: now }, now)),
  ];
  const finals = computeFinalIndexes(inputs, algorithmsAt(registry, newest), newest);
  return Object.fromEntries(finals.map((x) => [x.index, x.value])) as Record<FinalIndexName, number>;
}

const cases = (debt: number, plaintiff: number, other: number): CourtCaseFact[] => [
  ...Array.from({ length: debt }, () => ({ partyRole: 'DEFENDANT' as const, caseCategory: 'DEBT_COLLECTION' as const, actDate: '2026-05-01', outcome: 'SATISFIED' as const })),
  ...Array.from({ length: plaintiff }, () => ({ partyRole: 'PLAINTIFF' as const, caseCategory: 'DEBT_COLLECTION' as const, actDate: '2026-05-01', outcome: 'SATISFIED' as const })),
  ...Array.from({ length: other }, () => ({ partyRole: 'DEFENDANT' as const, caseCategory: 'CONTRACT_DISPUTE' as const, actDate: '2026-05-01', outcome: 'DENIED' as const })),
];

describe('issue 13: the assumptions the analysis found, fixed in the scores a user reads', () => {
  const ordinary = finalRisks(firm());

  it('does not raise financial-stability risk for an owner closing a solvent firm; a forced liquidation does', () => {
    const voluntary = finalRisks(firm((f) => {
      f.justice.status = 'IN_LIQUIDATION';
      f.tax.facts!.liquidationAuditApplicationDate = '2026-10-01';
    }));
    expect(voluntary.FINANCIAL_STABILITY).toBeLessThanOrEqual(ordinary.FINANCIAL_STABILITY * 1.05);
    const indebted = (f: Firm) => { f.tax.facts!.taxDebtTiyn = 20 * MILLION_KZT; f.tax.facts!.insolvencyProceedings = [{ kind: 'BANKRUPTCY', startDate: '2026-09-01', endDate: null }]; };
    const forced = finalRisks(firm((f) => { indebted(f); f.justice.status = 'IN_LIQUIDATION'; f.tax.facts!.liquidationAuditApplicationDate = '2026-10-01'; }));
    expect(forced.FINANCIAL_STABILITY).toBeGreaterThan(ordinary.FINANCIAL_STABILITY * 5);
    expect(forced.FINANCIAL_STABILITY).toBeGreaterThanOrEqual(finalRisks(firm(indebted)).FINANCIAL_STABILITY);
  });

  it('raises payment risk far less for a 20,000 KZT balance than for a 50 M KZT debt', () => {
    const technical = finalRisks(firm((f) => { f.tax.facts!.taxDebtTiyn = 20_000 * 100; }));
    const large = finalRisks(firm((f) => { f.tax.facts!.taxDebtTiyn = 50 * MILLION_KZT; }));
    for (const index of ['PAYMENT_DISCIPLINE', 'FINANCIAL_STABILITY'] as const) {
      expect(technical[index] - ordinary[index]).toBeLessThan((large[index] - ordinary[index]) / 10);
    }
    // A penalty balance is no news about a firm's payments; a debt of millions is.
    expect(technical.PAYMENT_DISCIPLINE).toBeLessThan(ordinary.PAYMENT_DISCIPLINE * 1.05);
    expect(large.PAYMENT_DISCIPLINE).toBeGreaterThan(ordinary.PAYMENT_DISCIPLINE * 1.5);
  });

  it('does not rate a large firm with many cases riskier than a small one with the same rate for its size', () => {
    // Large firms are in court about 8 times as often in every role; the size class's rate says so.
    const large = finalRisks(firm((f) => { f.court = cases(8, 16, 8); f.debtCasesPerFirmOfItsSize = 8; f.sizeClassCode = '160'; }));
    const small = finalRisks(firm((f) => { f.court = cases(1, 2, 1); f.debtCasesPerFirmOfItsSize = 1; f.sizeClassCode = '130'; }));
    for (const index of ['PAYMENT_DISCIPLINE', 'FINANCIAL_STABILITY', 'BUSINESS_REPUTATION'] as const) expect(large[index]).toBeLessThanOrEqual(small[index] * 1.0001);
    // A firm mostly sued for debt, well above its size's rate, still reads riskier.
    const sued = finalRisks(firm((f) => { f.court = cases(6, 0, 0); f.debtCasesPerFirmOfItsSize = 0.5; }));
    expect(sued.PAYMENT_DISCIPLINE).toBeGreaterThan(ordinary.PAYMENT_DISCIPLINE * 1.3);
  });

  it('reads an honest wholesale trader and an honest clinic each against its own sector, not one national norm', () => {
    // Trade: 4x the turnover per employee at half the burden; medicine: half the turnover at 1.4x (the heterogeneous world's economy).
    const sector = (section: string, perStaffMKzt: number, burden: number) => Array.from({ length: 200 }, (_, i) => ({
      section, totals: { income: 3 * perStaffMKzt * (0.7 + (0.6 * i) / 199) * 10 * MILLION_KZT, taxesPaid: 3 * perStaffMKzt * 10 * MILLION_KZT * burden * (1.3 - (0.6 * ((i * 7) % 200)) / 199), averageStaff: 10, years: 3 },
    }));
    const peers = sectorPeers([...sector('G', 20, 0.045), ...sector('Q', 2.5, 0.125)]);
    const typical = (perStaffMKzt: number, burden: number, sectorPeersOf: SectorPeers | undefined) => finalRisks(firm((f) => {
      f.tax.peers = sectorPeersOf;
      f.tax.financials = f.tax.financials.map((y) => ({ ...y, annualIncome: perStaffMKzt * 20 * MILLION_KZT, taxesPaid: perStaffMKzt * 20 * MILLION_KZT * burden }));
      f.tax.yearly = f.tax.yearly.map((y) => ({ ...y, taxBurdenCoefficient: burden, taxesPaidTiyn: perStaffMKzt * 20 * MILLION_KZT * burden }));
    })).TAXPAYER_CONSCIENTIOUSNESS;
    const trader = typical(20, 0.045, peers.get('G'));
    const clinic = typical(2.5, 0.125, peers.get('Q'));
    // Both sit at their sector's middle: neither reads as the suspicious one.
    expect(trader).toBeLessThan(clinic * 1.25);
    expect(clinic).toBeLessThan(trader * 1.25);
    // The same trader among clinics would be far out of line: the sector is what keeps it ordinary.
    expect(typical(20, 0.045, peers.get('Q'))).toBeGreaterThan(trader);
  });
});
