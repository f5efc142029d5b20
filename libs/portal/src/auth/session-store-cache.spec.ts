import { createHash } from 'node:crypto';
import type { Database } from '@hub/platform';
import { SessionStore } from './session.repository';
import type { SessionRevocations } from './session-cache';

const MINUTE = 60_000;

/** A database holding one session row; counts the session reads (RESOLVE) it answers. */
function fakeDatabase(row: () => Record<string, unknown> | null) {
  const calls = { reads: 0, writes: 0 };
  const database = {
    query: async (sql: string | { name: string }, params: unknown[]) => {
      if (typeof sql !== 'string' && sql.name === 'portal.session.resolve') {
        calls.reads++;
        const r = row();
        const [now, idleFrom] = [(params[1] as Date[])[0], (params[2] as Date[])[0]];
        return r && (r.expires_at as Date) > now && (r.last_seen_at as Date) > idleFrom ? [{ ...r, i: '1' }] : [];
      }
      calls.writes++;
      return [];
    },
  } as unknown as Database;
  return { database, calls };
}

class FakeRevocations implements SessionRevocations {
  listening = true;
  private handlers: Array<{ revoked: (h: string) => void; lost: () => void }> = [];
  subscribe(h: { revoked: (h: string) => void; lost: () => void }): void { this.handlers.push(h); }
  revoke(hash: string): void { this.handlers.forEach((h) => h.revoked(hash)); }
  lose(): void { this.listening = false; this.handlers.forEach((h) => h.lost()); }
}

describe('SessionStore with revocations heard (cached session reads)', () => {
  const t0 = new Date('2026-12-03T08:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);
  const times = { idleMs: 30 * MINUTE, absoluteMs: 8 * 60 * MINUTE, challengeTtlMs: MINUTE };
  let live: Record<string, unknown> | null;
  beforeEach(() => {
    live = { subject_type: 'individual', iin: '850302300124', bin: null, roles: [], common_name: null, organisation: null, created_at: t0, last_seen_at: t0, expires_at: at(10 * MINUTE) };
  });
  const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

  it('reads a session once, then answers from what it read', async () => {
    const { database, calls } = fakeDatabase(() => live);
    const store = new SessionStore(database, times, new FakeRevocations());
    expect(await store.resolve('tok', at(1000))).toMatchObject({ iin: '850302300124' });
    expect(await store.resolve('tok', at(2000))).toMatchObject({ iin: '850302300124' });
    expect(calls.reads).toBe(1);
  });

  it('a revocation heard (a logout on another instance) makes the next request read again and be refused', async () => {
    const { database, calls } = fakeDatabase(() => live);
    const revocations = new FakeRevocations();
    const store = new SessionStore(database, times, revocations);
    await store.resolve('tok', at(1000));
    live = null;
    revocations.revoke(hashOf('tok'));
    expect(await store.resolve('tok', at(2000))).toBeNull();
    expect(calls.reads).toBe(2);
  });

  it('a logout on this instance is seen by its next request, before any announcement', async () => {
    const { database } = fakeDatabase(() => live);
    const store = new SessionStore(database, times, new FakeRevocations());
    await store.resolve('tok', at(1000));
    await store.close('tok');
    live = null;
    expect(await store.resolve('tok', at(1500))).toBeNull();
  });

  it('never serves a cached session past its absolute end', async () => {
    const { database } = fakeDatabase(() => live);
    const store = new SessionStore(database, times, new FakeRevocations());
    await store.resolve('tok', at(1000));
    expect(await store.resolve('tok', at(10 * MINUTE))).toBeNull();
  });

  it('reads every time while revocations are not heard, and forgets what it had when hearing is lost', async () => {
    const { database, calls } = fakeDatabase(() => live);
    const revocations = new FakeRevocations();
    const store = new SessionStore(database, times, revocations);
    await store.resolve('tok', at(1000));
    revocations.lose();
    live = null;
    expect(await store.resolve('tok', at(1500))).toBeNull();
    live = { subject_type: 'individual', iin: '850302300124', bin: null, roles: [], common_name: null, organisation: null, created_at: t0, last_seen_at: t0, expires_at: at(10 * MINUTE) };
    await store.resolve('tok', at(1600));
    await store.resolve('tok', at(1700));
    expect(calls.reads).toBe(4);
  });

  it('keeps an idle session alive by touching it once a minute, cached or not', async () => {
    const { database, calls } = fakeDatabase(() => live);
    const store = new SessionStore(database, times, new FakeRevocations());
    await store.resolve('tok', at(1000));
    expect(calls.writes).toBe(0);
    await store.resolve('tok', at(MINUTE + 1000));
    expect(calls.writes).toBe(1);
    await store.resolve('tok', at(MINUTE + 2000));
    expect(calls.writes).toBe(1);
  });
});
