import { Database, Stores, loadConfig, migrateAsOwner, roleUrl } from '@hub/platform';
import { PORTAL_MIGRATIONS } from '../portal.module';
import { SessionStore } from './session.repository';
import { PgSessionRevocations } from './session-revocations';

const times = { idleMs: 30 * 60_000, absoluteMs: 8 * 3_600_000, challengeTtlMs: 60_000 };
const until = async (check: () => Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('not within 5 s');
    await new Promise((r) => setTimeout(r, 10));
  }
};

/**
 * Two hub instances, each with its session cache: a session one of them has read and cached is
 * refused by it once another instance logs it out, or an operator deletes or shortens it by hand
 * (migration portal-session-closed announces each; BPR §36 who checked needs a live session).
 */
describe('session revocations heard by every instance (cached session reads)', () => {
  const config = loadConfig();
  const url = roleUrl(config, Stores.portal.role);
  const [dbA, dbB] = [new Database(url, 2), new Database(url, 2)];
  const [revA, revB] = [new PgSessionRevocations(dbA.pool.options), new PgSessionRevocations(dbB.pool.options)];
  const [a, b] = [new SessionStore(dbA, times, revA), new SessionStore(dbB, times, revB)];
  const person = { subjectType: 'individual' as const, iin: '850302300124', bin: null, roles: [], commonName: 'TEST', organisation: null };

  beforeAll(async () => {
    await migrateAsOwner(config.DATABASE_URL, config, PORTAL_MIGRATIONS);
    await Promise.all([revA.start(), revB.start()]);
  });
  afterAll(async () => {
    await dbA.query("DELETE FROM portal.sessions WHERE common_name = 'TEST' AND cert_serial LIKE 'serial-%'");
    await Promise.all([revA.close(), revB.close(), dbA.close(), dbB.close()]);
  });

  it('listens once started', () => {
    expect(revA.listening && revB.listening).toBe(true);
  });

  it('a logout on one instance is refused by the other, which had the session cached', async () => {
    const { token } = await a.open(person, 'serial-1', new Date());
    expect(await b.resolve(token, new Date())).toMatchObject({ iin: person.iin });
    // Cached: the row gone without an announcement would still be served (shown by the next test's contrast).
    await a.close(token);
    await until(async () => (await b.resolve(token, new Date())) === null);
  });

  it('a session deleted or shortened by hand is refused by an instance that had it cached', async () => {
    const opened = await a.open(person, 'serial-2', new Date());
    const other = await a.open(person, 'serial-3', new Date());
    expect(await b.resolve(opened.token, new Date())).not.toBeNull();
    expect(await b.resolve(other.token, new Date())).not.toBeNull();
    await dbA.query("DELETE FROM portal.sessions WHERE cert_serial = 'serial-2'");
    await dbA.query("UPDATE portal.sessions SET expires_at = now() - interval '1 second' WHERE cert_serial = 'serial-3'");
    await until(async () => (await b.resolve(opened.token, new Date())) === null && (await b.resolve(other.token, new Date())) === null);
  });

  it('forgets every cached session when the listening connection is lost, and listens again', async () => {
    const { token } = await a.open(person, 'serial-5', new Date());
    expect(await b.resolve(token, new Date())).not.toBeNull();
    const admin = new Database(config.DATABASE_URL, 1);
    try {
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'hub-session-revocations'");
      await until(async () => !revB.listening);
      // Not heard: the session is read from the database, where it is gone (no announcement was heard).
      await admin.query('SET session_replication_role = replica');
      await admin.query("DELETE FROM portal.sessions WHERE cert_serial = 'serial-5'");
      expect(await b.resolve(token, new Date())).toBeNull();
      await until(async () => revA.listening && revB.listening);
    } finally {
      await admin.close();
    }
  });

  it('the cache is what answers: a session row gone without an announcement is still served until its read is old', async () => {
    // The contrast that shows the two tests above pass through the announcement, not a fresh read.
    const { token } = await a.open(person, 'serial-4', new Date());
    expect(await b.resolve(token, new Date())).not.toBeNull();
    const admin = new Database(config.DATABASE_URL, 1);
    try {
      await admin.transaction(async (c) => {
        await c.query('SET LOCAL session_replication_role = replica'); // triggers off, for this transaction only
        await c.query("DELETE FROM portal.sessions WHERE cert_serial = 'serial-4'");
      });
    } finally {
      await admin.close();
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(await b.resolve(token, new Date())).not.toBeNull();
  });
});
