import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Algorithm, AlgorithmRegistry } from '@hub/algorithms';
import { AvroPublisher, Topics } from '@hub/platform';
import { PreliminaryIndexer, algorithmName, preliminaryIndexes } from './preliminary-index';
import { PreliminaryIndexPublisher } from './preliminary-index.publisher';
import { recomputeAll } from './recompute-all';

const now = new Date('2026-11-20T10:00:00Z');
const algorithm = (version: string, weight: number, effectiveFrom = '2026-01-01T00:00:00Z'): Algorithm => ({
  name: 'utility.payment-discipline', version, effectiveFrom, description: 'test',
  model: { type: 'logistic', intercept: -2, features: [{ code: 'ARREARS', weight, explanation: 'Behind on bills' }, { code: 'OTHER', weight: 1, explanation: 'Other' }] },
  categories: { medium: 0.3, high: 0.6 },
});

function registryWith(...algorithms: Algorithm[]): AlgorithmRegistry {
  const dir = mkdtempSync(path.join(tmpdir(), 'perimeter-'));
  mkdirSync(path.join(dir, 'utility.payment-discipline'));
  for (const a of algorithms) writeFileSync(path.join(dir, 'utility.payment-discipline', `${a.version}.json`), JSON.stringify(a));
  return new AlgorithmRegistry(dir);
}

const indexer = (ids: string[]): PreliminaryIndexer => ({
  source: 'UTILITY', kinds: ['PAYMENT_DISCIPLINE'],
  features: async (batch) => batch.filter((id) => ids.includes(id)).map((subjectId) => ({ subjectId, features: { ARREARS: 1.2345678 }, window: { from: 100, to: 200 } })),
  ids: async (after, limit) => ids.filter((id) => after === null || id > after).slice(0, limit),
});

describe('preliminary indexes', () => {
  it('names algorithms after source and kind', () => {
    expect(algorithmName('TAX', 'FINANCIAL_STABILITY')).toBe('tax.financial-stability');
    expect(algorithmName('STATISTICS', 'CONSCIENTIOUSNESS')).toBe('statistics.conscientiousness');
  });

  it('records the version in force at computation time, the window, and rounded factors without zero contributions', () => {
    const registry = registryWith(algorithm('2026.1', 1), algorithm('2026.2', 2, '2026-10-01T00:00:00Z'));
    const subject = { subjectId: '1', features: { ARREARS: 1.2345678 }, window: { from: 100, to: 200 } };
    const [old] = preliminaryIndexes(registry, 'UTILITY', ['PAYMENT_DISCIPLINE'], subject, new Date('2026-05-01'));
    const [current] = preliminaryIndexes(registry, 'UTILITY', ['PAYMENT_DISCIPLINE'], subject, now);
    expect(old.algorithmVersion).toBe('2026.1');
    expect(current).toMatchObject({ algorithmVersion: '2026.2', windowFrom: 100, windowTo: 200, computedAt: now.getTime(), source: 'UTILITY' });
    expect(current.factors).toEqual([{ code: 'ARREARS', contribution: 2.47, explanation: 'Behind on bills', band: 'HIGH', direction: 'RAISES_RISK' }]);
    expect(current.confidentialInputs).toBe(false);
    // The same feature declared confidential: a band without a contribution, and a coarsened value.
    const [secret] = preliminaryIndexes(registry, 'UTILITY', ['PAYMENT_DISCIPLINE'], subject, now, new Set(['ARREARS']));
    expect(secret.factors).toEqual([{ code: 'ARREARS', contribution: null, explanation: 'Behind on bills', band: 'HIGH', direction: 'RAISES_RISK' }]);
    expect(secret).toMatchObject({ confidentialInputs: true });
    const steps = Math.log(secret.riskValue / (1 - secret.riskValue)) / 0.5;
    expect(Math.abs(steps - Math.round(steps))).toBeLessThan(1e-3);
    expect(current.riskValue).toBeGreaterThan(old.riskValue);
  });
});

describe('PreliminaryIndexPublisher and recomputeAll', () => {
  it('publishes every computed index keyed by subject, page by page, reporting progress', async () => {
    const sent: Array<{ key: string }> = [];
    const avro = { publish: async (spec: { name: string }, records: Array<{ key: string }>) => {
      expect(spec.name).toBe(Topics.preliminaryIndexes.name);
      sent.push(...records);
    } } as unknown as AvroPublisher;
    const publisher = new PreliminaryIndexPublisher(avro, registryWith(algorithm('2026.1', 1)));
    const pages: number[] = [];
    const result = await recomputeAll(indexer(['a', 'b', 'c']), publisher, { now, batchSize: 2, onProgress: (p) => pages.push(p.subjects) });
    expect(result).toMatchObject({ subjects: 3, indexes: 3 });
    expect(pages).toEqual([2, 3]);
    expect(sent.map((r) => r.key)).toEqual(['a', 'b', 'c']);
    expect(await publisher.recompute(indexer(['a']), ['a', 'a', 'zz'], now)).toHaveLength(1);
  });
});
