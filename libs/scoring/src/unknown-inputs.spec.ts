import path from 'node:path';
import { AlgorithmRegistry } from '@hub/algorithms';
import { projectRoot } from '@hub/platform';
import { computeFinalIndexes, latestInputs } from './final-scores';
import { PreliminaryIndex } from './preliminary-index';
import { algorithmsAt } from './scoring.service';

/** After the issue 13 calibration rounds went in force (final.conscientiousness 2026.3, then 2026.4). */
const later = new Date('2026-12-03T00:00:00Z');
const algorithms = algorithmsAt(new AlgorithmRegistry(path.join(projectRoot(), 'algorithms')), later);

const index = (source: PreliminaryIndex['source'], indexKind: PreliminaryIndex['indexKind'], riskValue: number): PreliminaryIndex => ({
  subjectId: '120140900012', source, indexKind, riskValue, category: 'LOW', algorithm: `${source.toLowerCase()}.x`, algorithmVersion: '2026.1',
  windowFrom: '2025-11-01', windowTo: '2026-10-31', computedAt: new Date('2026-11-01T00:00:00Z'), factors: [],
});
const conscientiousness = (inputs: PreliminaryIndex[]) => computeFinalIndexes(latestInputs(inputs, later), algorithms, later).find((i) => i.index === 'TAXPAYER_CONSCIENTIOUSNESS')!;
const statistics = (riskValue: number) => (['CONSCIENTIOUSNESS', 'FINANCIAL_STABILITY', 'PAYMENT_DISCIPLINE'] as const).map((k) => index('STATISTICS', k, riskValue));

describe('a final input its register does not hold (issue 13: unknown is not good)', () => {
  const tax = [index('TAX', 'CONSCIENTIOUSNESS', 0.02)];

  it('scores a firm the statistics bureau does not cover as a typical covered firm, not as the best one', () => {
    const uncovered = conscientiousness(tax);
    // 2026.4 refit only the utility weights of 2026.3 and kept its statistics `unknown` values.
    expect(uncovered.algorithmVersion).toBe('2026.4');
    expect(uncovered.value).toBeGreaterThan(conscientiousness([...tax, ...statistics(0.001)]).value);
    expect(uncovered.value).toBeLessThan(conscientiousness([...tax, ...statistics(0.5)]).value);
  });

  it('does not name an unknown input as a reason', () => {
    expect(conscientiousness(tax).topFactors.map((f) => f.code).filter((c) => c.startsWith('STATISTICS_'))).toEqual([]);
    expect(conscientiousness([...tax, ...statistics(0.5)]).topFactors.map((f) => f.code)).toContain('STATISTICS_CONSCIENTIOUSNESS');
  });
});
