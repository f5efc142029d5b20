/**
 * Issue #16 "at scale": the ingest rate over each million records of a long load (each tenth of a
 * shorter one), and where the time went in it, so a slowdown as the tables grow shows as a curve
 * and not only as an average.
 */

/** One poll of the load: seconds since the first commit, records committed, CPU seconds so far. */
export interface LoadSample { seconds: number; done: number; hubCpu: number; pgCpu: number }

export interface CurveSegment { from: number; to: number; seconds: number; rate: number; hubCpuMsPerRecord: number; pgCpuMsPerRecord: number }

/** Pure: the sample values at `done` records, interpolated between the two polls around it. */
function at(samples: readonly LoadSample[], done: number): LoadSample {
  const i = samples.findIndex((s) => s.done >= done);
  if (i <= 0) return samples[Math.max(0, i)];
  const [a, b] = [samples[i - 1], samples[i]];
  const f = b.done === a.done ? 1 : (done - a.done) / (b.done - a.done);
  const mix = (x: number, y: number) => x + (y - x) * f;
  return { seconds: mix(a.seconds, b.seconds), done, hubCpu: mix(a.hubCpu, b.hubCpu), pgCpu: mix(a.pgCpu, b.pgCpu) };
}

/** Pure: records `from` to `to` as one segment, its rate and CPU per record. */
function segment(samples: readonly LoadSample[], from: number, to: number): CurveSegment {
  const [a, b] = [at(samples, from), at(samples, to)];
  const n = to - from;
  const seconds = b.seconds - a.seconds;
  return {
    from, to, seconds, rate: seconds > 0 ? n / seconds : 0,
    hubCpuMsPerRecord: ((b.hubCpu - a.hubCpu) * 1000) / n, pgCpuMsPerRecord: ((b.pgCpu - a.pgCpu) * 1000) / n,
  };
}

/**
 * Pure: consecutive segments of `size` records from the first sample's count to the last's (the
 * last segment may be shorter), each with its rate and its CPU per record. Samples in commit order.
 */
export function rateCurve(samples: readonly LoadSample[], size: number): CurveSegment[] {
  if (samples.length < 2 || size <= 0) return [];
  const first = samples[0].done;
  const last = samples[samples.length - 1].done;
  const out: CurveSegment[] = [];
  for (let from = first; from < last; from += size) out.push(segment(samples, from, Math.min(last, from + size)));
  return out;
}

/** Pure: the last `size` records of the load as one segment (the curve's own last segment may be a short remainder). */
export function lastSegment(samples: readonly LoadSample[], size: number): CurveSegment | undefined {
  if (samples.length < 2) return undefined;
  const last = samples[samples.length - 1].done;
  const from = Math.max(samples[0].done, last - size);
  return from < last ? segment(samples, from, last) : undefined;
}

/** The segment size for a load: a million records from two million on, else a tenth. */
export function curveSegment(total: number): number {
  return total >= 2_000_000 ? 1_000_000 : Math.max(1, Math.ceil(total / 10));
}
