import { TokenBuckets } from './token-bucket';

describe('TokenBuckets', () => {
  it('allows the burst, then refuses with the seconds until the next token, and refills with time', () => {
    const b = new TokenBuckets(60, 3); // one token a second
    expect([b.take('a', 0), b.take('a', 0), b.take('a', 0)]).toEqual([0, 0, 0]);
    expect(b.take('a', 0)).toBe(1);
    expect(b.take('a', 500)).toBe(1);
    expect(b.take('a', 1000)).toBe(0);
  });

  it('keeps identities apart', () => {
    const b = new TokenBuckets(60, 1);
    expect(b.take('iin:1', 0)).toBe(0);
    expect(b.take('iin:1', 0)).toBeGreaterThan(0);
    expect(b.take('iin:2', 0)).toBe(0);
  });

  it('forgets the least recently used identity past its capacity (a fresh bucket is full)', () => {
    const b = new TokenBuckets(60, 1, 2);
    b.take('a', 0);
    b.take('b', 0);
    b.take('c', 0); // evicts a
    expect(b.take('a', 0)).toBe(0);
    expect(b.take('c', 0)).toBeGreaterThan(0);
  });
});
