/**
 * Pure: how much of a score may leave a perimeter when it rests on confidential inputs (tax secret,
 * BPR §14-§15). An exact contribution divided by its published weight gives the input back (e.g.
 * LEVERAGE's contribution / 1.5 = liabilities / assets to about ±0.003), so such a factor leaves
 * as a plain-word reason with a band, and the value it moves is coarsened.
 */
export type FactorBand = 'LOW' | 'MEDIUM' | 'HIGH';
export type FactorDirection = 'RAISES_RISK' | 'LOWERS_RISK';

/** Band edges on |contribution| to the log-odds. */
export const BAND_EDGES = { medium: 0.3, high: 1 } as const;
/** Log-odds step a confidential-input value is rounded to: a weight-1.5 ratio moves one step per 0.33. */
export const COARSE_LOGIT_STEP = 0.5;

export function factorBand(contribution: number): FactorBand {
  const size = Math.abs(contribution);
  return size >= BAND_EDGES.high ? 'HIGH' : size >= BAND_EDGES.medium ? 'MEDIUM' : 'LOW';
}

export const factorDirection = (contribution: number): FactorDirection => (contribution >= 0 ? 'RAISES_RISK' : 'LOWERS_RISK');

/** A probability rounded in log-odds steps: the published value moves only when the inputs move a lot. */
export function coarseRisk(value: number, step: number = COARSE_LOGIT_STEP): number {
  const p = Math.min(1 - 1e-6, Math.max(1e-6, value));
  const logit = Math.log(p / (1 - p));
  const rounded = Math.round(logit / step) * step;
  return Math.round((1 / (1 + Math.exp(-rounded))) * 1e6) / 1e6;
}
