import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Algorithm, AlgorithmError, AlgorithmRegistry, auc, score } from './index';

const base: Algorithm = {
  name: 'test.risk', version: '2026.1', effectiveFrom: '2026-01-01T00:00:00Z', description: 'test',
  model: { type: 'logistic', intercept: -2, features: [
    { code: 'A', weight: 2, explanation: 'a' }, { code: 'B', weight: -1, explanation: 'b' }, { code: 'C', weight: 0.5, explanation: 'c' },
  ] },
  categories: { medium: 0.3, high: 0.6 },
};

describe('score', () => {
  it('is the logistic of the weighted sum, with factors strongest first', () => {
    const s = score(base, { A: 1, B: 1, C: 2 });
    expect(s.riskValue).toBeCloseTo(1 / (1 + Math.exp(-(-2 + 2 - 1 + 1))), 12);
    expect(s.factors.map((f) => f.code)).toEqual(['A', 'B', 'C']);
    expect(s.category).toBe('MEDIUM');
  });

  it('moves the category with the driving fact', () => {
    expect(score(base, {}).category).toBe('LOW');
    expect(score(base, { A: 2 }).category).toBe('HIGH');
  });

  it('counts a feature it is not given at its unknown value, without naming it as a reason; a known 0 stays 0', () => {
    const withUnknown: Algorithm = { ...base, model: { ...base.model, features: base.model.features.map((f) => (f.code === 'A' ? { ...f, unknown: 0.4 } : f)) } };
    const missing = score(withUnknown, { C: 2 });
    expect(missing.riskValue).toBeCloseTo(1 / (1 + Math.exp(-(-2 + 2 * 0.4 + 1))), 12);
    expect(missing.factors.map((f) => f.code)).toEqual(['C']);
    expect(score(withUnknown, { A: 0, C: 2 }).riskValue).toBeCloseTo(1 / (1 + Math.exp(-(-2 + 1))), 12);
    // Without an unknown value, a missing feature counts as 0, as before.
    expect(score(base, { C: 2 }).riskValue).toBe(score(base, { A: 0, C: 2 }).riskValue);
  });
});

describe('AlgorithmRegistry', () => {
  function dirWith(...algorithms: Algorithm[]) {
    const dir = mkdtempSync(path.join(tmpdir(), 'alg-'));
    mkdirSync(path.join(dir, 'test.risk'));
    for (const a of algorithms) writeFileSync(path.join(dir, 'test.risk', `${a.version}.json`), JSON.stringify(a));
    return dir;
  }

  it('picks the version in force at a date', () => {
    const registry = new AlgorithmRegistry(dirWith(base, { ...base, version: '2026.2', effectiveFrom: '2026-06-01T00:00:00Z' }));
    expect(registry.inForce('test.risk', new Date('2026-03-01')).version).toBe('2026.1');
    expect(registry.inForce('test.risk', new Date('2026-07-01')).version).toBe('2026.2');
    expect(() => registry.inForce('test.risk', new Date('2025-07-01'))).toThrow(AlgorithmError);
  });

  it('rolls out a new version file without a restart', () => {
    let now = Date.parse('2026-08-01T00:00:00Z');
    const dir = dirWith(base);
    const registry = new AlgorithmRegistry(dir, 1000, () => now);
    expect(registry.inForce('test.risk').version).toBe('2026.1');
    writeFileSync(path.join(dir, 'test.risk', '2026.2.json'), JSON.stringify({ ...base, version: '2026.2', effectiveFrom: '2026-07-01T00:00:00Z' }));
    expect(registry.inForce('test.risk').version).toBe('2026.1'); // not re-checked yet
    now += 1001;
    expect(registry.inForce('test.risk').version).toBe('2026.2');
  });

  it('refuses an invalid file, naming it', () => {
    expect(() => new AlgorithmRegistry(dirWith({ ...base, categories: { medium: 0.7, high: 0.6 } }))).toThrow(/2026\.1\.json.*cut-off/);
  });
});

describe('auc', () => {
  it('is 1 for a perfect ranking, 0.5 for ties, and counts pairs', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [false, false, true, true])).toBe(1);
    expect(auc([0.5, 0.5, 0.5, 0.5], [false, true, false, true])).toBe(0.5);
    // positives 0.4 and 0.9 against negatives 0.1, 0.5: pairs won = 1 + 2 = 3 of 4
    expect(auc([0.1, 0.4, 0.5, 0.9], [false, true, false, true])).toBe(0.75);
  });
});
