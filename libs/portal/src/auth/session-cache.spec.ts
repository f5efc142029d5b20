import { SessionCache } from './session-cache';

describe('SessionCache', () => {
  it('keeps a read for its maximum age, then forgets it', () => {
    const cache = new SessionCache<string>(1000);
    cache.put('a', 'session', cache.epoch, 0);
    expect(cache.get('a', 999)).toBe('session');
    expect(cache.get('a', 1000)).toBeUndefined();
  });

  it('does not keep a read that began before a revocation was heard (a logout racing the read)', () => {
    const cache = new SessionCache<string>(1000);
    const epoch = cache.epoch;
    cache.revoke('a');
    cache.put('a', 'stale', epoch, 0);
    expect(cache.get('a', 1)).toBeUndefined();
    cache.put('a', 'fresh', cache.epoch, 0);
    expect(cache.get('a', 1)).toBe('fresh');
  });

  it('drops a revoked entry, and everything when hearing is lost', () => {
    const cache = new SessionCache<string>(1000);
    cache.put('a', 'x', cache.epoch, 0);
    cache.put('b', 'y', cache.epoch, 0);
    cache.revoke('a');
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('b', 1)).toBe('y');
    const epoch = cache.epoch;
    cache.clear();
    expect(cache.get('b', 1)).toBeUndefined();
    cache.put('b', 'y', epoch, 1);
    expect(cache.size).toBe(0);
  });

  it('holds at most maxEntries, the oldest going first; a clock gone backwards is not trusted', () => {
    const cache = new SessionCache<number>(1000, 2);
    for (const k of ['a', 'b', 'c']) cache.put(k, 1, cache.epoch, 10);
    expect(cache.get('a', 10)).toBeUndefined();
    expect(cache.get('c', 10)).toBe(1);
    expect(cache.get('b', 5)).toBeUndefined();
  });
});
