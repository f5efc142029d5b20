import { seededRandom } from '@hub/identity';
import { Algorithm } from './algorithm';
import { LabelledRow, calibrate } from './calibration';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Rows from a known model: A and B raise the risk; C too, and only C is new to the index. */
function drawRows(n: number, seed: number): LabelledRow[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const features = { A: random(), B: random() < 0.3 ? 1 : 0, C: random() < 0.2 ? 1 : 0 };
    return { key: `s${i}`, features, outcome: random() < sigmoid(-3 + 2 * features.A + 1.5 * features.B + 1.2 * features.C) };
  });
}

const previous: Algorithm = {
  name: 'utility.payment-discipline',
  version: '2026.1',
  effectiveFrom: '2026-01-01T00:00:00Z',
  description: 'test',
  model: { type: 'logistic', intercept: -2.5, features: [{ code: 'A', weight: 1, explanation: 'a' }, { code: 'B', weight: 0.7, explanation: 'b' }] },
  categories: { medium: 0.3, high: 0.6 },
};
const candidates = [{ code: 'A', explanation: 'a', sign: 1 as const }, { code: 'B', explanation: 'b', sign: 1 as const }, { code: 'C', explanation: 'c', sign: 1 as const }];
const common = { previous, candidates, version: '2026.2', effectiveFrom: new Date('2026-12-01T00:00:00Z'), fittedAt: new Date('2026-12-01T00:00:00Z'), isHoldout: (k: string) => Number(k.slice(1)) % 10 < 3, provenance: {} };
const weights = (a: Algorithm) => Object.fromEntries(a.model.features.map((f) => [f.code, f.weight]));

describe('calibration that holds weights other indexes were fitted on', () => {
  const rows = drawRows(20_000, 7);

  it('extend: the previous weights stay exactly, the new feature and the intercept are fitted', () => {
    const next = calibrate({ ...common, rows, extend: true });
    expect(weights(next)).toMatchObject({ A: 1, B: 0.7 });
    expect(weights(next).C).toBeGreaterThan(0.8);
    expect(weights(next).C).toBeLessThan(1.6);
    expect(next.evaluation?.method).toMatch(/weights of 2026.1 held, only the new features and the intercept fitted/);
  });

  it('refitOnly: only the named weight moves, and nothing new joins', () => {
    const next = calibrate({ ...common, rows, refitOnly: ['B'] });
    expect(weights(next).A).toBe(1);
    expect(weights(next).C).toBeUndefined();
    expect(weights(next).B).toBeGreaterThan(1.1);
    expect(next.evaluation?.method).toMatch(/only B and the intercept fitted/);
  });
});
