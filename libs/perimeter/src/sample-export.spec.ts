import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Algorithm, AlgorithmRegistry } from '@hub/algorithms';
import { PreliminaryIndexer } from './preliminary-index';
import { algorithmsInForce, sampleExport, sampleRow } from './sample-export';

const now = new Date('2026-11-20T10:00:00Z');
const BIN = '180340012345';
const SAMPLE_ID = '5f0c8a8e-2b7d-4c1e-9a51-0d6b7e3f4a21';

function registry(): AlgorithmRegistry {
  const dir = mkdtempSync(path.join(tmpdir(), 'sample-export-'));
  for (const [name, feature] of [['utility.payment-discipline', 'ARREARS'], ['utility.financial-stability', 'ARREARS']]) {
    const a: Algorithm = {
      name, version: '2026.1', effectiveFrom: '2026-01-01T00:00:00Z', description: 'test',
      model: { type: 'logistic', intercept: -2, features: [{ code: feature, weight: 1.5, explanation: 'Behind on bills' }] },
      categories: { medium: 0.3, high: 0.6 },
    };
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, '2026.1.json'), JSON.stringify(a));
  }
  return new AlgorithmRegistry(dir);
}

describe('depersonalized sample rows', () => {
  it('carry the sample id, features and indexes, and not the subject id or factors', () => {
    const subject = { subjectId: BIN, features: { ARREARS: 1.23456789 }, window: { from: 20000, to: 20412 } };
    const row = sampleRow(registry(), 'UTILITY', ['PAYMENT_DISCIPLINE', 'FINANCIAL_STABILITY'], subject, SAMPLE_ID, now);
    const text = JSON.stringify(row);
    expect(text).toContain(SAMPLE_ID);
    expect(text).not.toContain(BIN);
    expect(text).not.toMatch(/subjectId|factors|explanation|Behind on bills/);
    expect(Object.keys(row)).toEqual(['sampleId', 'source', 'window', 'features', 'indexes']);
    expect(row).toEqual({
      // The window starts on the first of its month (2024-10-04 -> 2024-10-01); its end stays.
      sampleId: SAMPLE_ID, source: 'UTILITY', window: { from: Date.UTC(2024, 9, 1) / 86_400_000, to: 20412 }, features: { ARREARS: 1.235 },
      indexes: {
        PAYMENT_DISCIPLINE: { riskValue: expect.any(Number), category: 'MEDIUM', algorithm: 'utility.payment-discipline', algorithmVersion: '2026.1' },
        FINANCIAL_STABILITY: { riskValue: expect.any(Number), category: 'MEDIUM', algorithm: 'utility.financial-stability', algorithmVersion: '2026.1' },
      },
    });
    // sigmoid(-2 + 1.5 * 1.23456789), from the unrounded feature.
    expect(row.indexes.PAYMENT_DISCIPLINE?.riskValue).toBeCloseTo(1 / (1 + Math.exp(2 - 1.5 * 1.23456789)), 6);
  });

  it('exports in batches, only subjects the source holds, in sample-id order', async () => {
    const held = new Set(['a', 'c', 'd']);
    const asked: string[][] = [];
    const indexer: PreliminaryIndexer = {
      source: 'UTILITY', kinds: ['PAYMENT_DISCIPLINE'],
      features: async (ids) => {
        asked.push([...ids]);
        return ids.filter((id) => held.has(id)).reverse().map((subjectId) => ({ subjectId, features: { ARREARS: 1 }, window: { from: 1, to: 2 } }));
      },
      ids: async () => [],
    };
    const members = [{ subjectId: 'a', sampleId: 's3' }, { subjectId: 'b', sampleId: 's1' }, { subjectId: 'c', sampleId: 's2' }, { subjectId: 'd', sampleId: 's0' }];
    const batches: string[][] = [];
    for await (const rows of sampleExport(indexer, registry(), members, now, 2)) batches.push(rows.map((r) => r.sampleId));
    expect(asked).toEqual([['d', 'b'], ['c', 'a']]);
    expect(batches).toEqual([['s0'], ['s2', 's3']]);
  });

  it('names the algorithm version in force for each index', () => {
    expect(algorithmsInForce(registry(), { source: 'UTILITY', kinds: ['PAYMENT_DISCIPLINE'] }, now)).toEqual({ PAYMENT_DISCIPLINE: 'utility.payment-discipline@2026.1' });
  });
});
