import { randomBytes } from 'node:crypto';
import { Database, loadConfig, runMigrations } from '@hub/platform';
import { MESSAGE_LOG_MIGRATIONS } from './message-log.module';
import { PgReplayStore } from './pg-replay-store';

/**
 * The replay store two hub instances share (EDS-NOTES item 9): each instance has its own pool, as
 * two processes would. The tests move the clock forward, which purges expired rows, so they run
 * in a private schema built by the same migrations, not in the shared message_log.
 */
describe('PgReplayStore on PostgreSQL, shared by two instances', () => {
  const config = loadConfig();
  const pools = [new Database(config.DATABASE_URL, 4), new Database(config.DATABASE_URL, 4)];
  const run = `rs${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const schema = `${run}_replay`;
  const [one, two] = pools.map((p) => new PgReplayStore(p, { schema }));
  const id = (what: string) => `${run}-${what}`;
  const A = '111111111111';
  const B = '222222222222';
  const C = '333333333333';
  const now = new Date();
  const later = (ms: number) => new Date(now.getTime() + ms);

  beforeAll(() => runMigrations(config.DATABASE_URL, [{ ...MESSAGE_LOG_MIGRATIONS[0], schema }]));
  afterAll(async () => {
    await pools[0].query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await Promise.all(pools.map((p) => p.close()));
  });

  it('accepts a (sender, id) once: the second instance refuses it', async () => {
    await expect(one.remember(A, id('m1'), later(360_000), now)).resolves.toBe(true);
    await expect(two.remember(A, id('m1'), later(360_000), now)).resolves.toBe(false);
    await expect(one.remember(A, id('m1'), later(360_000), later(1000))).resolves.toBe(false);
  });

  it('accepts the same id from another sender', async () => {
    await expect(one.remember(A, id('m2'), later(360_000), now)).resolves.toBe(true);
    await expect(two.remember(B, id('m2'), later(360_000), now)).resolves.toBe(true);
    await expect(one.remember(B, id('m2'), later(360_000), now)).resolves.toBe(false);
  });

  it('exactly one of many racing instances wins a pair', async () => {
    const attempts = Array.from({ length: 16 }, (_, i) => (i % 2 ? one : two).remember(A, id('race'), later(360_000), now));
    const results = await Promise.all(attempts);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('refuses a pair while its row is inside its window, and takes over an expired row', async () => {
    await expect(one.remember(A, id('exp'), later(60_000), now)).resolves.toBe(true);
    // just before expiry: still refused, by either instance
    await expect(two.remember(A, id('exp'), later(200_000), later(59_999))).resolves.toBe(false);
    // once expired (the date window refuses such a message anyway), the pair may be recorded anew
    await expect(two.remember(A, id('exp'), later(200_000), later(60_000))).resolves.toBe(true);
    await expect(one.remember(A, id('exp'), later(300_000), later(100_000))).resolves.toBe(false);
  });

  it('accepts the very same document again under a live pair (fingerprint), never another one, nor one without a fingerprint', async () => {
    const doc = Buffer.alloc(32, 1);
    const other = Buffer.alloc(32, 2);
    await expect(one.remember(A, id('fp'), later(60_000), now, doc)).resolves.toBe(true);
    await expect(two.remember(A, id('fp'), later(60_000), later(1000), doc)).resolves.toBe(true);
    await expect(two.remember(A, id('fp'), later(60_000), later(1000), other)).resolves.toBe(false);
    await expect(one.remember(A, id('fp'), later(60_000), later(1000))).resolves.toBe(false);
    // the live row is neither extended nor re-fingerprinted by the repeats
    const [row] = await pools[0].query<{ expires_at: Date; request_sha256: Buffer }>(`SELECT expires_at, request_sha256 FROM "${schema}".seen_messages WHERE sender = $1 AND message_id = $2`, [A, id('fp')]);
    expect(row.expires_at.getTime()).toBe(later(60_000).getTime());
    expect(row.request_sha256.equals(doc)).toBe(true);
    // a pair remembered without a fingerprint (the SOAP door) is never matched by one
    await expect(one.remember(A, id('nofp'), later(60_000), now)).resolves.toBe(true);
    await expect(two.remember(A, id('nofp'), later(60_000), now, doc)).resolves.toBe(false);
    // once expired, another document may take the pair over, and then its own copy passes
    await expect(two.remember(A, id('fp'), later(200_000), later(60_000), other)).resolves.toBe(true);
    await expect(one.remember(A, id('fp'), later(200_000), later(61_000), other)).resolves.toBe(true);
    await expect(one.remember(A, id('fp'), later(200_000), later(61_000), doc)).resolves.toBe(false);
  });

  it('claims made at once share statements and each gets the answer it would get alone', async () => {
    const doc = Buffer.alloc(32, 3);
    const other = Buffer.alloc(32, 4);
    const distinct = Array.from({ length: 40 }, (_, i) => one.remember(A, id(`batch-${i}`), later(60_000), now));
    // one pair claimed five times in the same burst: the first document, its copy, another
    // document and no fingerprint; only the first and its copy pass
    const same = [one.remember(C, id('burst'), later(60_000), now, doc), one.remember(C, id('burst'), later(60_000), now, doc),
      one.remember(C, id('burst'), later(60_000), now, other), one.remember(C, id('burst'), later(60_000), now), one.remember(C, id('burst'), later(60_000), now, doc)];
    expect(await Promise.all(distinct)).toEqual(Array(40).fill(true));
    expect(await Promise.all(same)).toEqual([true, true, false, false, true]);
    await expect(two.remember(A, id('batch-7'), later(60_000), now)).resolves.toBe(false);
  });

  it('purges only rows past their expiry, also on its own once a minute', async () => {
    await expect(one.remember(B, id('old'), later(10_000), now)).resolves.toBe(true);
    await expect(one.remember(B, id('live'), later(10_000_000), now)).resolves.toBe(true);
    expect(await one.purge(later(20_000))).toBeGreaterThanOrEqual(1);
    const left = () => pools[0].query<{ message_id: string }>(`SELECT message_id FROM "${schema}".seen_messages WHERE sender = $1 ORDER BY 1`, [B]);
    expect((await left()).map((r) => r.message_id)).toEqual([id('live'), id('m2')]);

    const fresh = new PgReplayStore(pools[1], { schema });
    await expect(fresh.remember(B, id('soon'), later(30_000), now)).resolves.toBe(true);
    // 90 s on, the next call purges first: 'soon' (expired) goes, 'm2' (6-minute window) stays
    await expect(fresh.remember(B, id('next'), later(400_000), later(90_000))).resolves.toBe(true);
    expect((await left()).map((r) => r.message_id)).toEqual([id('live'), id('m2'), id('next')]);
  });
});
