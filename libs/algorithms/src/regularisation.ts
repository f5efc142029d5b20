import { createHash } from 'node:crypto';
import { auc } from './evaluation';
import { LogisticFit, fitLogistic } from './logistic-fit';

/**
 * Calibration that does not overfit (issue 13 item 3): the regularisation strength is chosen by
 * cross-validation on the training part, each fit keeps the sign its explanation states, and no
 * single input may carry more than a share of the score unless the held-out folds say otherwise.
 */

export interface Row { key: string; features: Readonly<Record<string, number>>; outcome: boolean }
export interface Candidate { code: string; sign?: 1 | -1 }

/** Candidate strengths, weak to strong; the default grid of `--l2 cv`. */
export const L2_GRID: readonly number[] = [0.1, 0.3, 1, 3, 10, 30, 100, 300];

/** Pure: a row's fold, from its key alone, so the same rows share a fold in every index's calibration. */
export function foldOf(key: string, folds: number): number {
  return createHash('sha256').update(`cv|${key}`).digest().readUInt32BE(0) % folds;
}

export interface MonotoneFit { codes: Candidate[]; fit: LogisticFit; dropped: string[] }

/**
 * Fits, and while some weight points against its explanation drops the worst such feature and
 * refits: the monotonic constraint the explanations promise users. `fixed` adds weights held
 * constant (their feature enters as an offset), used by the cap.
 */
export function fitMonotone(rows: readonly Row[], candidates: readonly Candidate[], l2: number, fixed: ReadonlyMap<string, number> = new Map()): MonotoneFit {
  let codes = candidates.filter((c) => !fixed.has(c.code));
  const dropped: string[] = [];
  const offset = rows.map((r) => [...fixed].reduce((s, [code, w]) => s + w * (r.features[code] ?? 0), 0));
  for (;;) {
    const fit = fitLogistic(rows.map((r) => codes.map((c) => r.features[c.code] ?? 0)), rows.map((r) => r.outcome), { l2, offset });
    if (!fit.converged) throw new Error(`the fit did not converge in ${fit.iterations} iterations; raise l2`);
    const wrong = codes.map((c, i) => ({ c, w: fit.weights[i] * (c.sign ?? 0) })).filter((x) => x.w < 0).sort((a, b) => a.w - b.w)[0];
    if (!wrong) return { codes, fit, dropped };
    dropped.push(wrong.c.code);
    codes = codes.filter((c) => c !== wrong.c);
  }
}

export interface Weights { intercept: number; weights: ReadonlyMap<string, number> }

export const weightsOf = (m: MonotoneFit, fixed: ReadonlyMap<string, number> = new Map()): Weights => ({
  intercept: m.fit.intercept,
  weights: new Map([...m.codes.map((c, i) => [c.code, m.fit.weights[i]] as const), ...fixed]),
});

export function predict(w: Weights, features: Readonly<Record<string, number>>): number {
  let eta = w.intercept;
  for (const [code, weight] of w.weights) eta += weight * (features[code] ?? 0);
  return 1 / (1 + Math.exp(-eta));
}

/** Mean negative log-likelihood: what the fit minimises, and a proper score of calibration too. */
export function logLoss(w: Weights, rows: readonly Row[]): number {
  let sum = 0;
  for (const r of rows) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, predict(w, r.features)));
    sum -= r.outcome ? Math.log(p) : Math.log(1 - p);
  }
  return sum / Math.max(1, rows.length);
}

/**
 * How much each input carries: |weight| times the spread (standard deviation) of its feature over
 * the rows, as a share of the total. A weight of 8 on an input that rarely moves carries less than
 * a weight of 1 on one that always does; this is the share the cap limits.
 */
export function carryShares(w: Weights, rows: readonly Row[]): Map<string, number> {
  const carry = new Map<string, number>();
  for (const [code, weight] of w.weights) {
    const xs = rows.map((r) => r.features[code] ?? 0);
    const mean = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length));
    carry.set(code, Math.abs(weight) * sd);
  }
  const total = [...carry.values()].reduce((a, b) => a + b, 0);
  return new Map([...carry].map(([c, v]) => [c, total > 0 ? v / total : 0]));
}

type Fitter = (rows: readonly Row[]) => Weights;

/** Mean held-out log loss and AUC of a fitting procedure over k folds of the rows. */
export function crossValidate(rows: readonly Row[], fitter: Fitter, folds: number): { logLoss: number; auc: number } {
  let loss = 0;
  let aucSum = 0;
  let used = 0;
  for (let k = 0; k < folds; k++) {
    const test = rows.filter((r) => foldOf(r.key, folds) === k);
    const train = rows.filter((r) => foldOf(r.key, folds) !== k);
    if (!test.some((r) => r.outcome) || test.every((r) => r.outcome) || !train.some((r) => r.outcome)) continue;
    const w = fitter(train);
    loss += logLoss(w, test);
    aucSum += auc(test.map((r) => predict(w, r.features)), test.map((r) => r.outcome));
    used++;
  }
  if (used === 0) throw new Error('no fold has both outcomes: the sample is too small to cross-validate');
  return { logLoss: loss / used, auc: aucSum / used };
}

/**
 * A fit whose largest input carries at most `maxShare`: that input's weight is held at the value
 * that gives it the share (the rest refitted around it, a few rounds until the shares settle).
 */
export function fitCapped(rows: readonly Row[], candidates: readonly Candidate[], l2: number, maxShare: number): { fit: MonotoneFit; fixed: Map<string, number>; capped: string | null } {
  let fixed = new Map<string, number>();
  let m = fitMonotone(rows, candidates, l2);
  let capped: string | null = null;
  for (let round = 0; round < 6; round++) {
    const w = weightsOf(m, fixed);
    const shares = carryShares(w, rows);
    const [top, share] = [...shares].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    if (share <= maxShare + 1e-6 || (capped !== null && top !== capped)) break;
    capped = top;
    // Carry of the others stays put while this one is rescaled: solve s·c/(s·c + rest) = maxShare.
    const rest = [...shares].filter(([c]) => c !== top).reduce((a, [, v]) => a + v, 0);
    const scale = rest > 0 ? (maxShare * rest) / ((1 - maxShare) * share) : 1;
    fixed = new Map([[top, (w.weights.get(top) ?? 0) * scale]]);
    m = fitMonotone(rows, candidates, l2, fixed);
  }
  return { fit: m, fixed, capped };
}

export interface RegularisationChoice {
  l2: number;
  /** Mean held-out log loss per candidate strength. */
  cv: Array<{ l2: number; logLoss: number; auc: number }>;
  cap: { maxShare: number; input: string | null; cappedLogLoss: number | null; uncappedLogLoss: number; kept: 'capped' | 'uncapped' | 'not needed' };
}

/**
 * Chooses l2 by k-fold cross-validation (lowest held-out log loss), then applies the cap unless the
 * folds show the uncapped fit predicting better by more than `tolerance` (relative log loss).
 */
export function chooseRegularisation(rows: readonly Row[], candidates: readonly Candidate[], options: { grid?: readonly number[]; folds?: number; maxShare?: number; tolerance?: number } = {}): RegularisationChoice {
  const folds = options.folds ?? 5;
  const maxShare = options.maxShare ?? 0.5;
  const tolerance = options.tolerance ?? 0.01;
  const cv = (options.grid ?? L2_GRID).map((l2) => ({ l2, ...crossValidate(rows, (train) => weightsOf(fitMonotone(train, candidates, l2)), folds) }));
  const best = cv.reduce((a, b) => (b.logLoss < a.logLoss ? b : a));
  const whole = fitCapped(rows, candidates, best.l2, maxShare);
  if (whole.capped === null) return { l2: best.l2, cv, cap: { maxShare, input: null, cappedLogLoss: null, uncappedLogLoss: best.logLoss, kept: 'not needed' } };
  const capped = crossValidate(rows, (train) => {
    const c = fitCapped(train, candidates, best.l2, maxShare);
    return weightsOf(c.fit, c.fixed);
  }, folds);
  const kept = best.logLoss < capped.logLoss * (1 - tolerance) ? 'uncapped' : 'capped';
  return { l2: best.l2, cv, cap: { maxShare, input: whole.capped, cappedLogLoss: capped.logLoss, uncappedLogLoss: best.logLoss, kept } };
}
