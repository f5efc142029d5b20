import { generateBin, generateIin, seededRandom } from '@hub/identity';
import type { SyntheticEntity } from '../population';
import { REGIONS } from '../regions';

/** Test population for the feed generators: propensities drawn uniformly so correlations show. */
export function testEntities(count: number, seed: number): SyntheticEntity[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const entrepreneur = i % 4 === 0;
    return {
      id: entrepreneur ? generateIin(random, new Date(Date.UTC(1980, i % 12, 1 + (i % 28))), 'male') : generateBin(random, { year: 2010, month: 1 + (i % 12) }),
      kind: entrepreneur ? 'INDIVIDUAL_ENTREPRENEUR' : 'LEGAL_ENTITY',
      region: REGIONS[i % REGIONS.length],
      registeredOn: new Date(Date.UTC(2010, i % 12, 1)),
      okedPrimary: '46900',
      sizeClass: i % 3 === 0 ? 1 : 0,
      risk: { fictitiousInvoicing: random() * 0.5, insolvency: random() * 0.5, paymentDefault: random() * 0.5 },
      outcomes: { pseudoEnterprise: false, bankrupt: false, paymentDefault: false },
    };
  });
}

export function correlation(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
