import { randomBytes } from 'node:crypto';
import { Client, type ClientConfig } from 'pg';
import type { SessionRevocations } from './session-cache';

/** The channel migration portal-session-closed announces deleted and changed sessions on. */
export const SESSION_CLOSED_CHANNEL = 'portal_session_closed';

/**
 * Revocations heard from PostgreSQL: a trigger on portal.sessions (migration
 * portal-session-closed) NOTIFYs the token hash of every deleted or changed session, whoever
 * deleted it (a logout on any instance, the purge, an operator). One connection of its own LISTENs.
 *
 * Hearing is proven, not assumed: the connection NOTIFYs itself a ping every `pingEveryMs`, and
 * `listening` is true only once the first ping has come back and until one does not within
 * `pingWithinMs` or the connection fails; then the handlers hear `lost` and it connects again after
 * `retryMs`. Behind a pooler that cannot deliver notifications (PgBouncer in transaction mode) the
 * pings never come back, so nothing is ever cached there.
 */
export class PgSessionRevocations implements SessionRevocations {
  private client: Client | null = null;
  private handlers: Array<{ revoked: (hashHex: string) => void; lost: () => void }> = [];
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  private heard = false;
  private pinging: NodeJS.Timeout | null = null;
  private awaited: { payload: string; resolve: () => void } | null = null;

  constructor(
    private readonly config: ClientConfig,
    private readonly retryMs = 1000,
    private readonly pingEveryMs = 10_000,
    private readonly pingWithinMs = 3000,
  ) {}

  get listening(): boolean {
    return this.heard;
  }

  subscribe(handlers: { revoked: (hashHex: string) => void; lost: () => void }): void {
    this.handlers.push(handlers);
  }

  /** Connects and LISTENs; resolves once listening (or once the first attempt failed: it retries). */
  async start(): Promise<void> {
    if (this.closed || this.client) return;
    // Named, so an operator sees what the long-lived idle connection is (pg_stat_activity).
    const client = new Client({ ...this.config, application_name: 'hub-session-revocations' });
    this.client = client;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      client.end().catch(() => undefined);
    };
    const fail = () => {
      // A client this instance no longer uses (closed meanwhile, or replaced) is ended all the same.
      if (this.client !== client) return end();
      this.client = null;
      this.heard = false;
      if (this.pinging) clearInterval(this.pinging);
      this.pinging = null;
      for (const h of this.handlers) h.lost();
      end();
      if (!this.closed) this.retry = setTimeout(() => void this.start(), this.retryMs);
    };
    client.on('error', fail);
    client.on('end', fail);
    client.on('notification', (n) => {
      if (n.channel !== SESSION_CLOSED_CHANNEL) return;
      const payload = n.payload ?? '*';
      if (payload.startsWith('ping:')) {
        if (this.awaited?.payload === payload) this.awaited.resolve();
        return;
      }
      for (const h of this.handlers) h.revoked(payload);
    });
    const ping = async (): Promise<void> => {
      const payload = `ping:${randomBytes(8).toString('hex')}`;
      const back = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), this.pingWithinMs);
        this.awaited = { payload, resolve: () => { clearTimeout(timer); resolve(true); } };
      });
      await client.query('SELECT pg_notify($1, $2)', [SESSION_CLOSED_CHANNEL, payload]);
      if (!(await back)) throw new Error('a revocation ping did not come back');
    };
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_CLOSED_CHANNEL}`);
      await ping();
      // close() ran while this connected: nothing will end this client but this.
      if (this.client !== client) return end();
      this.heard = true;
      this.pinging = setInterval(() => void ping().catch(fail), this.pingEveryMs);
      this.pinging.unref();
    } catch {
      fail();
    }
  }

  /** Nest's shutdown (app.close()): the listening connection must not keep the process alive. */
  onModuleDestroy(): Promise<void> {
    return this.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.heard = false;
    if (this.retry) clearTimeout(this.retry);
    if (this.pinging) clearInterval(this.pinging);
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }
}
