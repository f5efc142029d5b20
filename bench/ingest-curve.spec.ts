import { curveSegment, lastSegment, rateCurve } from './ingest-curve';

describe('the ingest curve (issue #16, at scale)', () => {
  it('gives each segment its own rate and CPU per record, interpolating between polls', () => {
    // 0..100 records in 10 s, then 100..200 in 20 s: the second half at half the rate.
    const samples = [
      { seconds: 0, done: 0, hubCpu: 0, pgCpu: 0 },
      { seconds: 5, done: 50, hubCpu: 1, pgCpu: 0.5 },
      { seconds: 10, done: 100, hubCpu: 2, pgCpu: 1 },
      { seconds: 30, done: 200, hubCpu: 6, pgCpu: 2 },
    ];
    const curve = rateCurve(samples, 100);
    expect(curve.map((s) => [s.from, s.to, s.rate])).toEqual([[0, 100, 10], [100, 200, 5]]);
    expect(curve[1].hubCpuMsPerRecord).toBeCloseTo(40);
    expect(curve[1].pgCpuMsPerRecord).toBeCloseTo(10);
    const halves = rateCurve(samples, 75);
    expect(halves[0].seconds).toBeCloseTo(7.5);
    expect(halves.at(-1)).toMatchObject({ from: 150, to: 200 });
  });

  it('counts from the first commit seen, and cuts a long load in millions', () => {
    expect(rateCurve([{ seconds: 0, done: 40, hubCpu: 0, pgCpu: 0 }, { seconds: 2, done: 60, hubCpu: 0, pgCpu: 0 }], 100)).toMatchObject([{ from: 40, to: 60, rate: 10 }]);
    expect(curveSegment(5_040_000)).toBe(1_000_000);
    expect(curveSegment(1_010_770)).toBe(101_077);
    expect(rateCurve([], 10)).toEqual([]);
  });

  it('measures the last segment over the last full size of records, not the remainder the curve ends with', () => {
    const samples = [
      { seconds: 0, done: 0, hubCpu: 0, pgCpu: 0 },
      { seconds: 10, done: 100, hubCpu: 0, pgCpu: 0 },
      { seconds: 20, done: 200, hubCpu: 0, pgCpu: 0 },
      { seconds: 30, done: 210, hubCpu: 0, pgCpu: 0 },
    ];
    expect(rateCurve(samples, 100).at(-1)).toMatchObject({ from: 200, to: 210, rate: 1 });
    expect(lastSegment(samples, 100)).toMatchObject({ from: 110, to: 210 });
    expect(lastSegment(samples, 100)?.seconds).toBeCloseTo(19);
  });
});
