/**
 * Pure token buckets, one per identity (session IIN, else client IP). In memory on purpose: the
 * limit is a flood brake in front of PostgreSQL, and a shared store would cost the database a
 * write on every request it is meant to protect. With N instances behind a balancer the effective
 * ceiling is N x the limit, which the operator sets knowing N (infra/PRODUCTION.md).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perMinute: number, private readonly burst: number, private readonly maxKeys = 100_000) {}

  /** Takes a token; returns 0 when allowed, else the seconds until one is available. */
  take(key: string, nowMs: number): number {
    const ratePerMs = this.perMinute / 60_000;
    let b = this.buckets.get(key);
    if (b) {
      b.tokens = Math.min(this.burst, b.tokens + (nowMs - b.at) * ratePerMs);
      b.at = nowMs;
      // move to the end: the map's order is least recently used first
      this.buckets.delete(key);
    } else {
      b = { tokens: this.burst, at: nowMs };
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    }
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / ratePerMs / 1000));
  }
}
