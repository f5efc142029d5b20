import path from 'node:path';
import { AlgorithmRegistry } from '@hub/algorithms';
import { preliminaryIndexes } from '@hub/perimeter';
import { projectRoot } from '@hub/platform';
import { StatisticsFacts, sizeBand, statisticsFeatures, statisticsWindow } from './statistics.features';

const now = new Date('2026-11-20T10:00:00Z');
const registry = new AlgorithmRegistry(path.join(projectRoot(), 'algorithms'));
const facts = (o: Partial<StatisticsFacts> = {}): StatisticsFacts => ({ okedSecondaryCount: 1, sizeClassCode: '120', recordedAt: new Date('2026-03-01'), ...o });
const risk = (f: StatisticsFacts, kind: 'CONSCIENTIOUSNESS' | 'FINANCIAL_STABILITY') =>
  preliminaryIndexes(registry, 'STATISTICS', [kind], { subjectId: 'x', features: statisticsFeatures(f), window: statisticsWindow(f, now) }, now)[0].riskValue;

describe('statistics preliminary indexes', () => {
  it('raises conscientiousness risk with many secondary activities', () => {
    expect(risk(facts({ okedSecondaryCount: 6 }), 'CONSCIENTIOUSNESS')).toBeGreaterThan(risk(facts(), 'CONSCIENTIOUSNESS'));
  });

  it('rates micro enterprises riskier and large ones safer', () => {
    expect(sizeBand('105')).toBe('MICRO');
    expect(sizeBand('165')).toBe('LARGE');
    const small = risk(facts(), 'FINANCIAL_STABILITY');
    expect(risk(facts({ sizeClassCode: '110' }), 'FINANCIAL_STABILITY')).toBeGreaterThan(small);
    expect(risk(facts({ sizeClassCode: '160' }), 'FINANCIAL_STABILITY')).toBeLessThan(small);
  });
});
