import { seededRandom } from '@hub/identity';
import { Row, carryShares, chooseRegularisation, fitCapped, fitMonotone, foldOf, weightsOf } from './regularisation';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Rows from a known logistic model over uniform features; `extra` adds pure-noise features. */
function rows(n: number, seed: number, weights: Record<string, number>, intercept: number, extra = 0): Row[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const features: Record<string, number> = {};
    let eta = intercept;
    for (const [code, w] of Object.entries(weights)) { features[code] = random(); eta += w * features[code]; }
    for (let k = 0; k < extra; k++) features[`N${k}`] = random();
    return { key: `r${seed}-${i}`, features, outcome: random() < sigmoid(eta) };
  });
}

describe('foldOf', () => {
  it('puts a key in the same fold every time, and spreads keys evenly', () => {
    expect(foldOf('abc', 5)).toBe(foldOf('abc', 5));
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 5000; i++) counts[foldOf(`k${i}`, 5)]++;
    for (const c of counts) expect(c).toBeGreaterThan(900);
  });
});

describe('fitMonotone', () => {
  it('drops a feature whose weight points against its explanation, and refits the rest', () => {
    const data = rows(4000, 3, { A: 3, B: -2 }, -2);
    const fit = fitMonotone(data, [{ code: 'A', sign: 1 }, { code: 'B', sign: 1 }], 1);
    expect(fit.dropped).toEqual(['B']);
    expect(fit.codes.map((c) => c.code)).toEqual(['A']);
    expect(fit.fit.weights[0]).toBeGreaterThan(0);
  });
});

describe('chooseRegularisation', () => {
  it('regularises a small sample with many noise inputs harder than a large clean one', () => {
    const noisy = rows(300, 5, { A: 2 }, -1.5, 12);
    const clean = rows(20_000, 6, { A: 2, B: 1.5 }, -1.5);
    const candidates = (r: Row[]) => Object.keys(r[0].features).map((code) => ({ code }));
    const small = chooseRegularisation(noisy, candidates(noisy), { maxShare: 1 });
    const large = chooseRegularisation(clean, candidates(clean), { maxShare: 1 });
    expect(small.l2).toBeGreaterThan(large.l2);
    expect(large.l2).toBeLessThanOrEqual(3);
    expect(small.cv).toHaveLength(8);
  });

  it('caps an input that carries most of the score, unless held-out folds show the cap costs accuracy', () => {
    // A carries about 0.6 of the score: capping it at 0.5 costs little, so the cap stays.
    const mild = rows(8000, 7, { A: 1.5, B: 1, C: 0 }, -2);
    const c = [{ code: 'A', sign: 1 as const }, { code: 'B', sign: 1 as const }, { code: 'C', sign: 1 as const }];
    const mildChoice = chooseRegularisation(mild, c);
    expect(mildChoice.cap.input).toBe('A');
    expect(mildChoice.cap.kept).toBe('capped');
    const capped = fitCapped(mild, c, mildChoice.l2, 0.5);
    expect(carryShares(weightsOf(capped.fit, capped.fixed), mild).get('A')!).toBeLessThanOrEqual(0.5 + 1e-3);

    // A alone drives the outcome: the folds show the capped fit predicting clearly worse, so it is not capped.
    const lone = rows(8000, 8, { A: 5, B: 0.3 }, -4);
    const loneChoice = chooseRegularisation(lone, [{ code: 'A', sign: 1 }, { code: 'B', sign: 1 }]);
    expect(loneChoice.cap.input).toBe('A');
    expect(loneChoice.cap.kept).toBe('uncapped');
    expect(loneChoice.cap.uncappedLogLoss).toBeLessThan(loneChoice.cap.cappedLogLoss! * 0.99);
  });

  it('leaves a balanced fit alone', () => {
    const balanced = rows(6000, 9, { A: 1, B: 1, C: 1 }, -2);
    expect(chooseRegularisation(balanced, [{ code: 'A' }, { code: 'B' }, { code: 'C' }]).cap.kept).toBe('not needed');
  });
});
