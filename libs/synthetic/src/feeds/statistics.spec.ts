import { seededRandom } from '@hub/identity';
import { validateStatisticalEntity } from '@hub/source-statistics';
import { correlation, testEntities } from './feed-test-entities';
import { statisticsFeed } from './statistics';

const now = new Date(Date.UTC(2026, 10, 22, 12));

describe('statisticsFeed', () => {
  const entities = testEntities(2000, 44);
  const records = entities.map((e, i) => statisticsFeed.records(e, seededRandom(1000 + i), now));

  it('publishes one valid record per entity, keyed by its BIN/IIN', () => {
    records.forEach((rs, i) => {
      expect(rs).toHaveLength(1);
      expect(rs[0].key).toBe(entities[i].id);
      const result = validateStatisticalEntity(rs[0].value, rs[0].key, now);
      expect(result).toMatchObject({ ok: true });
    });
  });

  it('is deterministic for a given random source', () => {
    expect(statisticsFeed.records(entities[7], seededRandom(5), now)).toEqual(statisticsFeed.records(entities[7], seededRandom(5), now));
  });

  it('declares more secondary activities as the fictitious-invoicing propensity grows', () => {
    const r = correlation(entities.map((e) => e.risk.fictitiousInvoicing), records.map((rs) => rs[0].value.okedSecondary.length));
    expect(r).toBeGreaterThan(0.5);
  });

  it('reports a size class from the entity\'s headcount band', () => {
    const micro = records.filter((_, i) => entities[i].sizeClass === 0).map((rs) => rs[0].value.sizeClassCode);
    const small = records.filter((_, i) => entities[i].sizeClass === 1).map((rs) => rs[0].value.sizeClassCode);
    expect(new Set(micro)).toEqual(new Set(['105', '110', '115']));
    expect(new Set(small)).toEqual(new Set(['120', '130']));
  });
});
