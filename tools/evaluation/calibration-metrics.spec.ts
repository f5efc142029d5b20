import { brierScore, okedSection, reliabilityByDecile } from './calibration-metrics';

describe('brierScore', () => {
  it('is 0 for certain, right predictions, 1 for certain, wrong ones and 0.25 for a coin', () => {
    expect(brierScore([1, 0], [true, false])).toBe(0);
    expect(brierScore([0, 1], [true, false])).toBe(1);
    expect(brierScore([0.5, 0.5], [true, false])).toBe(0.25);
  });
});

describe('reliabilityByDecile', () => {
  it('groups by predicted value and compares each group mean with its observed rate', () => {
    const predicted = Array.from({ length: 100 }, (_, i) => i / 100);
    // Outcomes happen exactly in the top 30: deciles 8-10 observe 100 %, the others 0 %.
    const happened = predicted.map((p) => p >= 0.7);
    const bins = reliabilityByDecile(predicted, happened);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toMatchObject({ decile: 1, count: 10, observedRate: 0 });
    expect(bins[0].meanPredicted).toBeCloseTo(0.045, 10);
    expect(bins.slice(7).every((b) => b.observedRate === 1)).toBe(true);
    expect(bins.slice(0, 7).every((b) => b.observedRate === 0)).toBe(true);
  });
});

describe('okedSection', () => {
  it('maps a division to its OKED section', () => {
    expect(okedSection('46')).toBe('G trade');
    expect(okedSection('86')).toBe('Q health');
    expect(okedSection('99')).toBe('division 99');
  });
});
