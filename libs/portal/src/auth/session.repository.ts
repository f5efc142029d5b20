import { createHash, randomBytes } from 'node:crypto';
import { Database, GroupRead, named } from '@hub/platform';
import type { PortalSession } from './session';
import { SessionCache, type SessionRevocations } from './session-cache';

const sha256 = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

interface SessionRow {
  subject_type: 'individual' | 'organisation';
  iin: string;
  bin: string | null;
  roles: string[];
  common_name: string | null;
  organisation: string | null;
  created_at: Date;
  expires_at: Date;
}

// Every guarded request runs it: prepared once per connection, and the requests that arrive while
// one is in flight are resolved together (GroupRead; each against its own clock, by ordinality).
const RESOLVE = named('portal.session.resolve', `SELECT q.i, s.subject_type, s.iin, s.bin, s.roles, s.common_name, s.organisation, s.created_at, s.expires_at, s.last_seen_at
   FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS q(hash, now, idle_from, i)
   JOIN portal.sessions s ON s.token_sha256 = decode(q.hash, 'hex') AND s.expires_at > q.now AND s.last_seen_at > q.idle_from`);

interface ResolveKey { hash: Buffer; now: Date; idleFrom: Date }
type ResolvedRow = SessionRow & { last_seen_at: Date };

/** How often a session's idle clock is written (see resolve). */
const TOUCH_EVERY_MS = 60_000;
/**
 * How long a session read is used again while revocations are heard (SessionCache): a backstop,
 * the revocations themselves drop it at once. Under the touch interval, so another instance's
 * touch is seen before this one would decide the session idle on a stale copy (it reads again
 * then anyway: a cached session that looks expired or idle is read again, never refused).
 */
const CACHE_MS = 30_000;

export interface SessionTimes {
  idleMs: number;
  absoluteMs: number;
  challengeTtlMs: number;
}

/**
 * Challenges and sessions in PostgreSQL, so any hub instance can consume a challenge another one
 * issued and resolve a session another one opened. Only a token's SHA-256 is stored.
 */
export class SessionStore {
  private nextPurge = 0;
  private readonly lookups: GroupRead<ResolveKey, ResolvedRow | null>;
  private readonly cache = new SessionCache<ResolvedRow>(CACHE_MS);

  /**
   * `revocations`: where deleted or changed sessions are heard (PgSessionRevocations). Without it,
   * or while it is not listening, every request reads its session from the database.
   */
  constructor(private readonly database: Database, private readonly times: SessionTimes, private readonly revocations?: SessionRevocations) {
    this.lookups = new GroupRead((keys) => this.lookUp(keys));
    revocations?.subscribe({
      revoked: (hashHex) => (hashHex === '*' ? this.cache.clear() : this.cache.revoke(hashHex)),
      lost: () => this.cache.clear(),
    });
  }

  async issueChallenge(now: Date): Promise<{ nonce: string; expiresAt: Date }> {
    await this.purgeNowAndThen(now);
    const nonce = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.times.challengeTtlMs);
    await this.database.query('INSERT INTO portal.challenges (nonce, issued_at, expires_at) VALUES ($1, $2, $3)', [nonce, now, expiresAt]);
    return { nonce, expiresAt };
  }

  /** Single use: the row is deleted by whoever consumes it first; an expired one counts as unknown. */
  async consumeChallenge(nonce: string, now: Date): Promise<boolean> {
    const rows = await this.database.query('DELETE FROM portal.challenges WHERE nonce = $1 AND expires_at > $2 RETURNING 1', [nonce, now]);
    return rows.length === 1;
  }

  async open(s: Omit<PortalSession, 'createdAt' | 'expiresAt'>, certSerial: string, now: Date): Promise<{ token: string; session: PortalSession }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.times.absoluteMs);
    await this.database.query(
      `INSERT INTO portal.sessions (token_sha256, subject_type, iin, bin, roles, common_name, organisation, cert_serial, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)`,
      [sha256(token), s.subjectType, s.iin, s.bin, s.roles, s.commonName, s.organisation, certSerial, now, expiresAt],
    );
    return { token, session: { ...s, createdAt: now, expiresAt } };
  }

  /**
   * The live session for a token, null when unknown, idle too long or past its absolute end. The
   * idle clock is touched at most once a minute: a write (and its commit flush) on every request
   * would cost more than the request; idle limits are whole minutes anyway.
   */
  async resolve(token: string, now: Date): Promise<PortalSession | null> {
    if (!token || token.length > 128) return null;
    const hash = sha256(token);
    const key = hash.toString('hex');
    const idleFrom = new Date(now.getTime() - this.times.idleMs);
    const listening = this.revocations?.listening === true;
    // A cached session is used only while it is live by this request's clock; otherwise it is read
    // again (another instance may have touched its idle clock), as without a cache.
    let r = listening ? this.cache.get(key, now.getTime()) : undefined;
    if (r && !(r.expires_at > now && r.last_seen_at > idleFrom)) r = undefined;
    if (!r) {
      const epoch = this.cache.epoch;
      const read = await this.lookups.load({ hash, now, idleFrom });
      if (!read) {
        this.cache.drop(key);
        return null;
      }
      r = read;
      if (listening && this.revocations?.listening) this.cache.put(key, r, epoch, now.getTime());
    }
    if (now.getTime() - r.last_seen_at.getTime() >= TOUCH_EVERY_MS) {
      await this.database.query('UPDATE portal.sessions SET last_seen_at = $2 WHERE token_sha256 = $1 AND last_seen_at < $2', [hash, now]);
      this.cache.update(key, (row) => ({ ...row, last_seen_at: now }));
    }
    return { subjectType: r.subject_type, iin: r.iin, bin: r.bin, roles: r.roles, commonName: r.common_name, organisation: r.organisation, createdAt: r.created_at, expiresAt: r.expires_at };
  }

  /** The live sessions of a batch of lookups, in their order (null: none), in one statement. */
  private async lookUp(keys: readonly ResolveKey[]): Promise<Array<ResolvedRow | null>> {
    const rows = await this.database.query<ResolvedRow & { i: string }>(RESOLVE, [keys.map((k) => k.hash.toString('hex')), keys.map((k) => k.now), keys.map((k) => k.idleFrom)]);
    const out: Array<ResolvedRow | null> = keys.map(() => null);
    for (const r of rows) out[Number(r.i) - 1] = r;
    return out;
  }

  async close(token: string): Promise<void> {
    const hash = sha256(token);
    // Dropped here at once; other instances hear it from the database (SessionRevocations).
    this.cache.revoke(hash.toString('hex'));
    await this.database.query('DELETE FROM portal.sessions WHERE token_sha256 = $1', [hash]);
    this.cache.revoke(hash.toString('hex'));
  }

  private async purgeNowAndThen(now: Date): Promise<void> {
    if (now.getTime() < this.nextPurge) return;
    this.nextPurge = now.getTime() + 60_000;
    await this.database.query('DELETE FROM portal.challenges WHERE expires_at <= $1', [now]);
    await this.database.query('DELETE FROM portal.sessions WHERE expires_at <= $1 OR last_seen_at <= $2', [now, new Date(now.getTime() - this.times.idleMs)]);
  }
}
