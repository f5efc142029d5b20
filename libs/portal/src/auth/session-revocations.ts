import { Client, type ClientConfig } from 'pg';
import type { SessionRevocations } from './session-cache';

/** The channel migration portal-session-closed announces deleted and changed sessions on. */
export const SESSION_CLOSED_CHANNEL = 'portal_session_closed';

/**
 * Revocations heard from PostgreSQL: a trigger on portal.sessions (migration
 * portal-session-closed) NOTIFYs the token hash of every deleted or changed session, whoever
 * deleted it (a logout on any instance, the purge, an operator). One connection of its own LISTENs;
 * `listening` is true only once LISTEN has been acknowledged and until the connection fails, when
 * the handlers hear `lost` and it connects again after `retryMs`.
 */
export class PgSessionRevocations implements SessionRevocations {
  private client: Client | null = null;
  private handlers: Array<{ revoked: (hashHex: string) => void; lost: () => void }> = [];
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  private heard = false;

  constructor(private readonly config: ClientConfig, private readonly retryMs = 1000) {}

  get listening(): boolean {
    return this.heard;
  }

  subscribe(handlers: { revoked: (hashHex: string) => void; lost: () => void }): void {
    this.handlers.push(handlers);
  }

  /** Connects and LISTENs; resolves once listening (or once the first attempt failed: it retries). */
  async start(): Promise<void> {
    if (this.closed || this.client) return;
    const client = new Client(this.config);
    this.client = client;
    const fail = () => {
      if (this.client !== client) return;
      this.client = null;
      this.heard = false;
      for (const h of this.handlers) h.lost();
      client.end().catch(() => undefined);
      if (!this.closed) this.retry = setTimeout(() => void this.start(), this.retryMs);
    };
    client.on('error', fail);
    client.on('end', fail);
    client.on('notification', (n) => {
      if (n.channel !== SESSION_CLOSED_CHANNEL) return;
      for (const h of this.handlers) h.revoked(n.payload ?? '*');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_CLOSED_CHANNEL}`);
      if (this.client === client) this.heard = true;
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
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }
}
