import type { ReplayStore } from '@hub/eds';
import type { Database } from '@hub/platform';

export interface PgReplayStoreOptions {
  /** the schema holding seen_messages (default message_log); tests use a private one */
  schema?: string;
  /** how often, by the callers' clock, expired rows are purged (default one minute) */
  purgeEveryMs?: number;
}

/**
 * The replay store every hub instance shares (EDS-NOTES checklist item 9; issue 10 item 6):
 * a (sender, message id) pair is accepted once while its record is inside its window. PostgreSQL
 * decides atomically: the insert either creates the row, takes over an expired one, or returns
 * nothing because a live one exists, and two instances racing on one pair serialise on its key.
 */
export class PgReplayStore implements ReplayStore {
  private readonly table: string;
  private readonly purgeEveryMs: number;
  private nextPurge = 0;

  constructor(private readonly database: Database, options: PgReplayStoreOptions = {}) {
    this.table = `"${(options.schema ?? 'message_log').replace(/"/g, '""')}".seen_messages`;
    this.purgeEveryMs = options.purgeEveryMs ?? 60_000;
  }

  /**
   * With `fingerprint` (the SHA-256 of the signed document), the very same document arriving again
   * while its pair is live is accepted too: it is the same message, which a caller that answers
   * idempotently (the KYC exchange keeps its first answer) may take again — a Kafka redelivery at a
   * new offset, or a crash after this call and before the answer was stored. A different document
   * under a live pair is refused, and a live row is never extended or re-fingerprinted.
   */
  async remember(sender: string, messageId: string, expiresAt: Date, now: Date, fingerprint?: Buffer): Promise<boolean> {
    if (now.getTime() >= this.nextPurge) {
      this.nextPurge = now.getTime() + this.purgeEveryMs;
      await this.purge(now);
    }
    // An expired row may be taken over: by then the date window refuses the message anyway, and a
    // purge may already have removed it. A live row is left alone; nothing is returned unless its
    // fingerprint is this document's (the no-op update then only reports it).
    const rows = await this.database.query(
      `INSERT INTO ${this.table} AS s (sender, message_id, expires_at, request_sha256) VALUES ($1, $2, $3, $5)
       ON CONFLICT (sender, message_id) DO UPDATE
         SET expires_at = CASE WHEN s.expires_at <= $4 THEN EXCLUDED.expires_at ELSE s.expires_at END,
             request_sha256 = CASE WHEN s.expires_at <= $4 THEN EXCLUDED.request_sha256 ELSE s.request_sha256 END
         WHERE s.expires_at <= $4 OR (EXCLUDED.request_sha256 IS NOT NULL AND s.request_sha256 = EXCLUDED.request_sha256)
       RETURNING 1`,
      [sender, messageId, expiresAt, now, fingerprint ?? null],
    );
    return rows.length === 1;
  }

  /** Removes rows whose window has closed; returns how many. */
  async purge(now: Date): Promise<number> {
    const result = await this.database.pool.query(`DELETE FROM ${this.table} WHERE expires_at <= $1`, [now]);
    return result.rowCount ?? 0;
  }
}
