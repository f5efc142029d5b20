import { seededRandom } from '@hub/identity';
import { Algorithm } from './algorithm';
import { LabelledRow, calibrate, nextVersion } from './calibration';
import { fitLogistic, solveSpd } from './logistic-fit';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Rows drawn from a known logistic model: the fit must find it again. */
function drawRows(n: number, seed: number): LabelledRow[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const a = random();
    const b = random() < 0.3 ? 1 : 0;
    const noise = random();
    return { key: `s${i}`, features: { A: a, B: b, NOISE: noise }, outcome: random() < sigmoid(-3 + 3 * a + 1.5 * b) };
  });
}

const previous: Algorithm = {
  name: 'tax.payment-discipline',
  version: '2026.1',
  effectiveFrom: '2026-01-01T00:00:00Z',
  description: 'test',
  model: { type: 'logistic', intercept: -2, features: [{ code: 'NOISE', weight: 1, explanation: 'noise' }] },
  categories: { medium: 0.3, high: 0.6 },
};

describe('solveSpd', () => {
  it('solves a symmetric positive-definite system', () => {
    const x = solveSpd([[4, 1], [1, 3]], [1, 2]);
    expect(x[0]).toBeCloseTo(1 / 11, 10);
    expect(x[1]).toBeCloseTo(7 / 11, 10);
  });

  it('refuses a singular matrix with a hint', () => {
    expect(() => solveSpd([[1, 1], [1, 1]], [1, 1])).toThrow(/positive definite/);
  });
});

describe('fitLogistic', () => {
  it('recovers the weights of the model that drew the data', () => {
    const rows = drawRows(40_000, 11);
    const fit = fitLogistic(rows.map((r) => [r.features.A, r.features.B, r.features.NOISE]), rows.map((r) => r.outcome), { l2: 0.01 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(-3, 0);
    expect(fit.weights[0]).toBeGreaterThan(2.6);
    expect(fit.weights[0]).toBeLessThan(3.4);
    expect(fit.weights[1]).toBeGreaterThan(1.3);
    expect(fit.weights[1]).toBeLessThan(1.7);
    expect(Math.abs(fit.weights[2])).toBeLessThan(0.25);
  });

  it('shrinks weights towards zero as the penalty grows', () => {
    const rows = drawRows(2_000, 12);
    const x = rows.map((r) => [r.features.A, r.features.B]);
    const y = rows.map((r) => r.outcome);
    const loose = fitLogistic(x, y, { l2: 0.01 });
    const tight = fitLogistic(x, y, { l2: 1_000 });
    expect(Math.abs(tight.weights[0])).toBeLessThan(Math.abs(loose.weights[0]) / 2);
  });
});

describe('calibrate', () => {
  const rows = drawRows(20_000, 13);
  const input = {
    previous,
    rows,
    candidates: [{ code: 'A', explanation: 'a' }, { code: 'B', explanation: 'b' }, { code: 'NOISE', explanation: 'noise' }, { code: 'NEVER', explanation: 'absent' }],
    version: '2026.2',
    effectiveFrom: new Date('2026-12-01T00:00:00Z'),
    fittedAt: new Date('2026-11-22T00:00:00Z'),
    isHoldout: (key: string) => Number(key.slice(1)) % 10 < 3,
    provenance: { sample: 'unit', outcome: 'paymentDefault' },
  };

  it('writes the next version with fitted weights, the previous name and an evaluation', () => {
    const next = calibrate(input);
    expect(next.name).toBe('tax.payment-discipline');
    expect(next.version).toBe('2026.2');
    expect(next.effectiveFrom).toBe('2026-12-01T00:00:00.000Z');
    const weight = (code: string) => next.model.features.find((f) => f.code === code)?.weight;
    expect(weight('A')).toBeGreaterThan(2);
    expect(weight('B')).toBeGreaterThan(1);
    // A feature that never occurs in the sample cannot be fitted and is left out.
    expect(weight('NEVER')).toBeUndefined();
    const evaluation = next.evaluation as { holdout: { auc: number; previousAuc: number; categories: Record<string, { share: number; outcomeRate: number }> }; calibration: Record<string, unknown> };
    expect(evaluation.holdout.auc).toBeGreaterThan(evaluation.holdout.previousAuc + 0.1);
    expect(evaluation.calibration).toMatchObject({ sample: 'unit', outcome: 'paymentDefault', holdoutRows: 6_000, trainRows: 14_000 });
    // Issue 13: the strength was chosen on held-out folds of the training part, and the file says so.
    const regularisation = evaluation.calibration.regularisation as { l2: number; cv: Array<{ l2: number; logLoss: number }>; cap: { kept: string } };
    expect(regularisation.cv.map((c) => c.l2)).toContain(regularisation.l2);
    expect(Math.min(...regularisation.cv.map((c) => c.logLoss))).toBe(regularisation.cv.find((c) => c.l2 === regularisation.l2)!.logLoss);
    expect(['capped', 'uncapped', 'not needed']).toContain(regularisation.cap.kept);
  });

  it('puts about 5 % in HIGH and 15 % in MEDIUM, with outcome rates rising by category', () => {
    const { categories } = (calibrate(input).evaluation as { holdout: { categories: Record<'LOW' | 'MEDIUM' | 'HIGH', { share: number; outcomeRate: number }> } }).holdout;
    expect(categories.HIGH.share).toBeGreaterThan(0.03);
    expect(categories.HIGH.share).toBeLessThan(0.08);
    expect(categories.MEDIUM.share).toBeGreaterThan(0.11);
    expect(categories.MEDIUM.share).toBeLessThan(0.19);
    expect(categories.HIGH.outcomeRate).toBeGreaterThan(categories.MEDIUM.outcomeRate);
    expect(categories.MEDIUM.outcomeRate).toBeGreaterThan(categories.LOW.outcomeRate);
  });

  it('drops a feature whose fitted weight contradicts the direction its explanation states, and refits', () => {
    const next = calibrate({ ...input, candidates: [{ code: 'A', explanation: 'a', sign: 1 }, { code: 'B', explanation: 'b lowers the risk', sign: -1 }] });
    expect(next.model.features.map((f) => f.code)).toEqual(['A']);
    expect((next.evaluation as { calibration: { droppedAgainstTheirExplanation: string[] } }).calibration.droppedAgainstTheirExplanation).toEqual(['B']);
  });

  it('reads a feature a register does not hold for a subject as unknown (typical), not as 0, and records its value', () => {
    // A covers 75 % of the subjects; where it is missing its value is not 0 but unknown (issue 13).
    const uncovered = (key: string) => Number(key.slice(1)) % 4 === 0;
    const partial = rows.map((r) => (uncovered(r.key) ? { ...r, features: { B: r.features.B, NOISE: r.features.NOISE } } : r));
    const asUnknown = calibrate({ ...input, rows: partial, unknownWhenAbsent: true });
    const a = asUnknown.model.features.find((f) => f.code === 'A')!;
    expect(a.unknown).toBeCloseTo(0.5, 1);
    expect(asUnknown.model.features.find((f) => f.code === 'B')!.unknown).toBeUndefined();
    // Read as 0, missing A looks like the best value of A and drags A's weight down; as unknown it does not.
    const asZero = calibrate({ ...input, rows: partial });
    expect(asZero.model.features.find((f) => f.code === 'A')!.unknown).toBeUndefined();
    expect(a.weight).toBeGreaterThan(asZero.model.features.find((f) => f.code === 'A')!.weight + 0.3);
    const holdout = (x: Algorithm) => (x.evaluation as { holdout: { auc: number } }).holdout.auc;
    expect(holdout(asUnknown)).toBeGreaterThan(holdout(asZero));
  });

  it('refuses a sample without positive outcomes', () => {
    expect(() => calibrate({ ...input, rows: rows.map((r) => ({ ...r, outcome: false })) })).toThrow(/positive outcomes/);
  });
});

describe('nextVersion', () => {
  it('counts up within a year and restarts in a new one', () => {
    expect(nextVersion(['2026.1', '2026.2'], 2026)).toBe('2026.3');
    expect(nextVersion(['2026.1', '2026.2'], 2027)).toBe('2027.1');
    expect(nextVersion([], 2026)).toBe('2026.1');
  });
});
