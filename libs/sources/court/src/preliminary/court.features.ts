import type { Features, IndexWindow } from '@hub/perimeter';
import type { CourtCaseCategory, CourtCaseOutcome, CourtPartyRole } from '../civil-case';

const DAY_MS = 86_400_000;
/** Cases count for the index when the act falls in the last three years (BPR §24.8). */
export const COURT_WINDOW_YEARS = 3;

export interface CourtCaseFact { partyRole: CourtPartyRole; caseCategory: CourtCaseCategory | null; actDate: string; outcome: CourtCaseOutcome | null }

export function courtWindow(now: Date): IndexWindow {
  const to = Math.floor(now.getTime() / DAY_MS);
  return { from: Math.floor(Date.UTC(now.getUTCFullYear() - COURT_WINDOW_YEARS, now.getUTCMonth(), now.getUTCDate()) / DAY_MS), to };
}

const log2Count = (n: number): number => Math.min(4, Math.log2(1 + n));
const LOST: ReadonlySet<CourtCaseOutcome> = new Set(['SATISFIED', 'PARTIALLY_SATISFIED']);

/** Fewer firms of a size band than this in the store make no rate: the per-size feature stays unknown. */
export const MIN_FIRMS_PER_SIZE = 30;

/**
 * Pure: debt cases as defendant per firm of each size band over the current population (every firm
 * the statistics facts name, with cases or without), from counts the perimeter sums in its store.
 */
export function debtCaseRates(bands: ReadonlyArray<{ band: string; firms: number; debtCases: number }>): Map<string, number> {
  return new Map(bands.filter((b) => b.firms >= MIN_FIRMS_PER_SIZE).map((b) => [b.band, b.debtCases / b.firms]));
}

/**
 * Pure: features of one party's civil cases whose act falls in the window ending at `now`.
 * `debtCasesPerFirmOfItsSize` is the rate of its size band (debtCaseRates), null when its size or
 * the band's rate is unknown: the per-size feature is then left out (unknown, not 0).
 */
export function courtFeatures(cases: readonly CourtCaseFact[], now: Date, debtCasesPerFirmOfItsSize: number | null = null): Features {
  const w = courtWindow(now);
  const inWindow = cases.filter((c) => {
    const d = Date.parse(`${c.actDate}T00:00:00Z`) / DAY_MS;
    return d >= w.from && d <= w.to;
  });
  const defendant = inWindow.filter((c) => c.partyRole === 'DEFENDANT');
  const debt = defendant.filter((c) => c.caseCategory === 'DEBT_COLLECTION');
  return {
    DEBT_CASES_AS_DEFENDANT: log2Count(debt.length),
    DEBT_CASES_LOST: log2Count(debt.filter((c) => c.outcome !== null && LOST.has(c.outcome)).length),
    BANKRUPTCY_CASE: defendant.some((c) => c.caseCategory === 'BANKRUPTCY') ? 1 : 0,
    OTHER_CASES_AS_DEFENDANT: log2Count(defendant.length - debt.length - defendant.filter((c) => c.caseCategory === 'BANKRUPTCY').length),
    CASES_AS_PLAINTIFF: log2Count(inWindow.filter((c) => c.partyRole === 'PLAINTIFF').length),
    // Issue 13: large healthy firms sue and get sued more, so a count grows with size while risk falls.
    // The share of the firm's cases that are debts it is sued for does not grow with its court activity:
    // the perimeter cannot see the size class, but activity in every role scales with it.
    DEBT_CASE_SHARE: inWindow.length > 0 ? debt.length / inWindow.length : 0,
    // Debt cases as defendant beyond the firm's other court activity (its own claims, other disputes):
    // a firm in court a lot in every role, as a large one is, shows none; one mostly sued for debt does.
    DEBT_CASES_BEYOND_OTHERS: log2Count(Math.max(0, debt.length - (inWindow.length - debt.length))),
    // Issue 13: the debt cases counted against what is usual for a firm of its size (the statistics
    // bureau's size class, learnt from bpr.facts.v1): the same rate reads the same for a small and a large firm.
    ...(debtCasesPerFirmOfItsSize !== null && debtCasesPerFirmOfItsSize > 0 ? { DEBT_CASES_FOR_SIZE: log2Count(debt.length / debtCasesPerFirmOfItsSize) } : {}),
  };
}
