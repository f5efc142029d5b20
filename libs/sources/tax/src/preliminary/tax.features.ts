import type { Features, IndexWindow } from '@hub/perimeter';
import type { TaxList, TaxRiskCategory } from '../tax-records';
import { SectorPeers, financialTotals, percentileAmong, taxRatios } from './sector-peers';

const DAY_MS = 86_400_000;
/** Tax burden (taxes paid over income) of a typical honest peer; a proper peer median can replace it later. */
export const PEER_TAX_BURDEN = 0.085;
/** Annual income per employee above which turnover looks out of proportion to the staff, tenge. */
const INCOME_PER_STAFF_NORM_KZT = 5_000_000;

/**
 * Features computed from the CONFIDENTIAL financials (ratios of capital, assets, liabilities, income,
 * taxes, VAT refunds, staff). LOW_TAX_BURDEN counts too: from financials when the perimeter holds
 * them, and a public coefficient alone cannot be told apart from outside.
 */
export const TAX_CONFIDENTIAL_FEATURES: ReadonlySet<string> = new Set([
  'LOW_TAX_BURDEN', 'VAT_REFUND_SHARE', 'TURNOVER_WITHOUT_STAFF', 'LEVERAGE', 'NEGATIVE_EQUITY', 'TAX_LOSS', 'INCOME_DECLINE', 'LEVERAGE_GROWTH',
  // Debt over turnover reveals turnover (CONFIDENTIAL) to anyone who knows the public debt.
  'TAX_DEBT_TO_TURNOVER',
  // A percentile among the sector's taxpayers is a confidential ratio on another scale.
  'LOW_TAX_BURDEN_IN_SECTOR', 'TURNOVER_PER_STAFF_IN_SECTOR',
  // Income against its best year, margin and equity trends (issue 13): ratios of confidential amounts.
  'INCOME_FALL_FROM_PEAK', 'MARGIN_DECLINE', 'EQUITY_DECLINE',
]);

/**
 * Debt below this is a technical balance (a late-filing penalty, rounding), not distress (issue 13):
 * the authority's own threshold for the public TAX_DEBTOR list (BPR §24.1), in tenge.
 */
export const MATERIAL_TAX_DEBT_KZT = 150_000;

/** What the tax perimeter reads about one taxpayer: its public facts and lists, and its CONFIDENTIAL financials. */
export interface TaxSubject {
  id: string;
  facts: {
    registrationDate: string;
    deregistrationDate: string | null;
    suspensions: Array<{ startDate: string; endDate: string | null }>;
    riskAudits: Array<{ year: number; half: number }>;
    nonFilings: Array<{ form: string; fiscalYear: number; dueDate: string }>;
    insolvencyProceedings: Array<{ kind: 'REHABILITATION' | 'BANKRUPTCY'; startDate: string; endDate: string | null }>;
    riskCategory: TaxRiskCategory | null;
    taxDebtTiyn: number;
    liquidationAuditApplicationDate: string | null;
    sanctions: Array<{ kind: string; appliedOn: string }>;
  } | null;
  /** Published tax-burden coefficients and taxes paid, by fiscal year. */
  yearly: Array<{ fiscalYear: number; taxBurdenCoefficient: number | null; taxesPaidTiyn: number | null }>;
  lists: Array<{ list: TaxList; includedOn: string; excludedOn: string | null }>;
  /** CONFIDENTIAL: newest fiscal year first. */
  financials: Array<{
    fiscalYear: number; totalAssets: number; totalLiabilities: number; totalCapital: number; annualIncome: number; taxableIncome: number;
    vatRefund: number; staffCount: number; taxesPaid: number;
  }>;
  /** The distribution of its OKED section's ratios over the current population; absent when its sector or peers are unknown. */
  peers?: SectorPeers | null;
}

const clip = (x: number, lo: number, hi: number): number => (Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : lo);

/**
 * Pure: the change over the whole window of a yearly series, read off its least-squares line (slope
 * times the years spanned), so every year counts and one odd first or last year does not decide it
 * (issue 13: "income decline compares only the first and last year"). Null with fewer than two years.
 */
export function changeOverWindow(points: ReadonlyArray<{ year: number; value: number }>): number | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.year, 0) / n;
  const my = points.reduce((s, p) => s + p.value, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.year - mx) ** 2, 0);
  if (sxx === 0) return null;
  const slope = points.reduce((s, p) => s + (p.year - mx) * (p.value - my), 0) / sxx;
  const years = points.map((p) => p.year);
  return slope * (Math.max(...years) - Math.min(...years));
}
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

/** The tax window: the three closed fiscal years plus the current one, up to today. */
export function taxWindow(now: Date): IndexWindow {
  return { from: Math.floor(Date.UTC(now.getUTCFullYear() - 3, 0, 1) / DAY_MS), to: Math.floor(now.getTime() / DAY_MS) };
}

/**
 * Pure: the tax perimeter's features of one taxpayer at `now`. Inputs are confidential; outputs are
 * bounded ratios and flags, never an amount. A feature whose input the perimeter does not hold (no
 * financial statements: the register covers 80 % in the heterogeneous world) is left out, never set
 * to 0: an algorithm counts it at its calibrated `unknown` value (issue 13: unknown is not good).
 */
export function taxFeatures(s: TaxSubject, now: Date): Features {
  const t = now.getTime();
  const windowStart = taxWindow(now).from * DAY_MS;
  const f: Record<string, number> = {};
  const active = (from: string, to: string | null) => day(from) <= t && (to === null || day(to) > t);
  const listed = (names: TaxList[]): number => s.lists.filter((l) => names.includes(l.list))
    .reduce((best, l) => Math.max(best, active(l.includedOn, l.excludedOn) ? 1 : l.excludedOn !== null && day(l.excludedOn) >= windowStart ? 0.5 : 0), 0);

  f.PSEUDO_ENTERPRISE_LISTED = listed(['PSEUDO_ENTERPRISE', 'REGISTRATION_INVALID']);
  f.ABSENT_AT_ADDRESS_LISTED = listed(['ABSENT_AT_LEGAL_ADDRESS']);
  f.INACTIVE_LISTED = listed(['INACTIVE', 'DECLARED_INACTIVE', 'REORGANIZED_IN_VIOLATION']);
  f.BANKRUPT_LISTED = listed(['BANKRUPT']);
  f.TAX_DEBTOR_LISTED = listed(['TAX_DEBTOR']);

  const fin = s.financials;
  const ratios = taxRatios(financialTotals(fin));
  if (ratios) {
    const income = fin.reduce((sum, y) => sum + Math.max(0, y.annualIncome), 0);
    f.LOW_TAX_BURDEN = clip(1 - ratios.burden / PEER_TAX_BURDEN, 0, 1);
    f.VAT_REFUND_SHARE = clip((100 * fin.reduce((sum, y) => sum + y.vatRefund, 0)) / income, 0, 10);
    f.TURNOVER_WITHOUT_STAFF = clip(Math.log10(ratios.turnoverPerStaff / INCOME_PER_STAFF_NORM_KZT), 0, 3);
    // Issue 13 item 1: the same ratios against the taxpayer's own sector, not one national norm.
    if (s.peers) {
      f.LOW_TAX_BURDEN_IN_SECTOR = 1 - percentileAmong(s.peers.burden, ratios.burden);
      f.TURNOVER_PER_STAFF_IN_SECTOR = percentileAmong(s.peers.turnoverPerStaff, ratios.turnoverPerStaff);
    }
  } else {
    const coefficients = s.yearly.map((y) => y.taxBurdenCoefficient).filter((c): c is number => c !== null);
    if (coefficients.length > 0) f.LOW_TAX_BURDEN = clip(1 - coefficients.reduce((a, b) => a + b, 0) / coefficients.length / PEER_TAX_BURDEN, 0, 1);
  }
  const newest = fin[0];
  if (newest) {
    f.LEVERAGE = newest.totalAssets > 0 ? clip(newest.totalLiabilities / newest.totalAssets, 0, 3) : newest.totalLiabilities > 0 ? 3 : 0;
    f.NEGATIVE_EQUITY = newest.totalCapital < 0 ? 1 : 0;
    f.TAX_LOSS = newest.taxableIncome < 0 ? 1 : 0;
    const oldest = fin[fin.length - 1];
    f.INCOME_DECLINE = fin.length > 1 && oldest.annualIncome > 0 ? clip(1 - newest.annualIncome / oldest.annualIncome, 0, 1) : 0;
    // Issue 13: every year counts, and the margins and equity income alone misses. Income against the
    // best year of the window (a firm that grew and then lost it shows a fall the first/last reading
    // misses); the margin (taxable income over income) in points of margin and equity relative to its
    // mean level, both read off their trend. Only falls count; a year without income has no margin.
    const series = (value: (y: typeof newest) => number) => fin.map((y) => ({ year: y.fiscalYear, value: value(y) }));
    const peakIncome = Math.max(...fin.map((y) => y.annualIncome));
    if (fin.length > 1 && peakIncome > 0) f.INCOME_FALL_FROM_PEAK = clip(1 - Math.max(0, newest.annualIncome) / peakIncome, 0, 1);
    const margins = fin.filter((y) => y.annualIncome > 0).map((y) => ({ year: y.fiscalYear, value: y.taxableIncome / y.annualIncome }));
    const marginChange = changeOverWindow(margins);
    if (marginChange !== null) f.MARGIN_DECLINE = clip(-marginChange, 0, 1);
    const meanEquity = fin.reduce((sum, y) => sum + Math.abs(y.totalCapital), 0) / fin.length;
    const equityChange = changeOverWindow(series((y) => y.totalCapital));
    if (equityChange !== null && meanEquity > 0) f.EQUITY_DECLINE = clip(-equityChange / meanEquity, 0, 2);
    f.LEVERAGE_GROWTH = fin.length > 1 && oldest.totalAssets > 0 && newest.totalAssets > 0
      ? clip(newest.totalLiabilities / newest.totalAssets - oldest.totalLiabilities / oldest.totalAssets, 0, 2) : 0;
  }

  const facts = s.facts;
  if (facts) {
    const lastPaid = [...s.yearly].sort((a, b) => b.fiscalYear - a.fiscalYear).find((y) => y.taxesPaidTiyn !== null)?.taxesPaidTiyn ?? 0;
    f.TAX_DEBT = facts.taxDebtTiyn > 0 ? 1 : 0;
    // Issue 13: how much is owed matters, not whether a balance exists. Graded from the list threshold:
    // 0 below it, 1 at it, +1 per tenfold (capped at 3), so 20,000 KZT counts nothing and 50 M KZT nearly 3.
    const debtKzt = facts.taxDebtTiyn / 100;
    f.MATERIAL_TAX_DEBT = debtKzt >= MATERIAL_TAX_DEBT_KZT ? clip(1 + Math.log10(debtKzt / MATERIAL_TAX_DEBT_KZT), 1, 3) : 0;
    // The same debt relative to the newest year's turnover, in per cent (CONFIDENTIAL: published as a band only).
    const turnover = newest?.annualIncome ?? 0;
    // Without financial statements the turnover is unknown, and so is this ratio (issue 13): left out,
    // so the algorithm counts it as typical rather than as the worst ratio.
    if (facts.taxDebtTiyn === 0) f.TAX_DEBT_TO_TURNOVER = 0;
    else if (newest) f.TAX_DEBT_TO_TURNOVER = turnover > 0 ? clip((100 * facts.taxDebtTiyn) / turnover, 0, 10) : 10;
    f.TAX_DEBT_TO_TAXES_PAID = facts.taxDebtTiyn > 0 ? (lastPaid > 0 ? clip(facts.taxDebtTiyn / lastPaid, 0, 3) : 3) : 0;
    f.NON_FILING = clip(facts.nonFilings.filter((n) => day(n.dueDate) >= windowStart && day(n.dueDate) <= t).length, 0, 3);
    f.RISK_AUDIT_SCHEDULED = facts.riskAudits.some((a) => a.year >= now.getUTCFullYear() - 1) ? 1 : 0;
    f.TAX_SANCTIONS = clip(facts.sanctions.filter((x) => day(x.appliedOn) >= windowStart).length, 0, 3);
    f.INSOLVENCY_PROCEEDING = facts.insolvencyProceedings.some((p) => active(p.startDate, p.endDate)) ? 1 : 0;
    f.HIGH_TAX_RISK_CATEGORY = facts.riskCategory === 'HIGH' ? 1 : facts.riskCategory === 'MEDIUM' ? 0.5 : 0;
    f.LIQUIDATION_AUDIT = facts.liquidationAuditApplicationDate !== null ? 1 : 0;
    // Issue 13: an owner closing a solvent firm is not distress. Voluntary = the liquidation audit was
    // applied for with no material debt, no insolvency proceeding and no bankrupt listing; else forced.
    const distressed = debtKzt >= MATERIAL_TAX_DEBT_KZT || facts.insolvencyProceedings.length > 0 || f.BANKRUPT_LISTED > 0;
    f.VOLUNTARY_LIQUIDATION = facts.liquidationAuditApplicationDate !== null && !distressed ? 1 : 0;
    f.FORCED_LIQUIDATION = facts.liquidationAuditApplicationDate !== null && distressed ? 1 : 0;
    f.SUSPENDED = facts.suspensions.some((x) => active(x.startDate, x.endDate)) ? 1 : 0;
    f.DEREGISTERED = facts.deregistrationDate !== null && day(facts.deregistrationDate) <= t ? 1 : 0;
    // Counted in whole months: a value exact to the day would give the registration date away in a sample.
    f.YOUNG_TAXPAYER = clip(1 - Math.floor((t - day(facts.registrationDate)) / (365 * DAY_MS / 12)) / 60, 0, 1);
  }
  return f;
}
