/**
 * Sector-relative ratios (issue 13 item 1): an honest wholesale trader has four times the turnover
 * per employee of an honest clinic at half its tax burden, so one national threshold reads trade as
 * suspicious and medicine as clean. Here a taxpayer's tax burden and turnover per employee are placed
 * among the taxpayers of its own OKED section over the current population, as percentiles, inside the
 * tax perimeter (the ratios are tax secrets; only bounded features leave). Pure: no I/O, no clock.
 */

/** Sums over a taxpayer's fiscal years in the store (tiyn; staff is the yearly average). */
export interface FinancialTotals { income: number; taxesPaid: number; averageStaff: number; years: number }

export interface TaxRatios {
  /** Taxes paid over income. */
  burden: number;
  /** Yearly income per employee (tenge; at least one employee counted). */
  turnoverPerStaff: number;
}

/** The years' totals, or null without financial statements. */
export function financialTotals(years: ReadonlyArray<{ annualIncome: number; taxesPaid: number; staffCount: number }>): FinancialTotals | null {
  if (years.length === 0) return null;
  return {
    income: years.reduce((s, y) => s + Math.max(0, y.annualIncome), 0),
    taxesPaid: years.reduce((s, y) => s + Math.max(0, y.taxesPaid), 0),
    averageStaff: years.reduce((s, y) => s + y.staffCount, 0) / years.length,
    years: years.length,
  };
}

/** One definition of the two ratios, for the taxpayer and for its peers alike; null without income. */
export function taxRatios(t: FinancialTotals | null): TaxRatios | null {
  if (t === null || !(t.income > 0)) return null;
  return { burden: t.taxesPaid / t.income, turnoverPerStaff: t.income / 100 / t.years / Math.max(1, t.averageStaff) };
}

/** Where a sector's distribution is cut: every 5th percentile. */
export const PEER_QUANTILES: readonly number[] = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);
/** Fewer taxpayers than this in a section make no peer group: the features stay unknown. */
export const MIN_PEERS = 30;

/** A section's distribution: its size and each ratio's values at PEER_QUANTILES, ascending. */
export interface SectorPeers { peers: number; burden: number[]; turnoverPerStaff: number[] }

const quantiles = (values: number[]): number[] => {
  const sorted = [...values].sort((a, b) => a - b);
  return PEER_QUANTILES.map((q) => {
    const at = q * (sorted.length - 1);
    const lo = Math.floor(at);
    return sorted[lo] + (sorted[Math.min(sorted.length - 1, lo + 1)] - sorted[lo]) * (at - lo);
  });
};

/** Pure: each section's distribution from its taxpayers' totals; sections under MIN_PEERS are left out. */
export function sectorPeers(taxpayers: ReadonlyArray<{ section: string; totals: FinancialTotals }>): Map<string, SectorPeers> {
  const bySection = new Map<string, TaxRatios[]>();
  for (const t of taxpayers) {
    const r = taxRatios(t.totals);
    if (!r) continue;
    // Appended in place: copying the section's list for every taxpayer was quadratic, and at 450,000
    // taxpayers it held the event loop for over ten minutes (the feeds stopped, the group evicted the
    // hub: 5M-record bench, issue #16).
    const ratios = bySection.get(t.section);
    if (ratios) ratios.push(r);
    else bySection.set(t.section, [r]);
  }
  const out = new Map<string, SectorPeers>();
  for (const [section, ratios] of bySection) {
    if (ratios.length < MIN_PEERS) continue;
    out.set(section, { peers: ratios.length, burden: quantiles(ratios.map((r) => r.burden)), turnoverPerStaff: quantiles(ratios.map((r) => r.turnoverPerStaff)) });
  }
  return out;
}

/**
 * Pure: the share of the sector below `value` (0..1), read off the distribution's cut points and
 * interpolated between them; beyond the outer cut points it runs linearly to 0 and 1.
 */
export function percentileAmong(cuts: readonly number[], value: number): number {
  const n = cuts.length;
  if (value <= cuts[0]) return cuts[0] > 0 && value > 0 ? PEER_QUANTILES[0] * (value / cuts[0]) : 0;
  if (value >= cuts[n - 1]) return 1 - (1 - PEER_QUANTILES[n - 1]) * Math.min(1, cuts[n - 1] / value);
  let i = 1;
  while (cuts[i] < value) i++;
  const span = cuts[i] - cuts[i - 1];
  return PEER_QUANTILES[i - 1] + (span > 0 ? (value - cuts[i - 1]) / span : 0) * (PEER_QUANTILES[i] - PEER_QUANTILES[i - 1]);
}
