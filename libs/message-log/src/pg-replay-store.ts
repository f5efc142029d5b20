import type { ReplayStore } from '@hub/eds';
import { CallerBatches, named, type Database, type NamedStatement } from '@hub/platform';

export interface PgReplayStoreOptions {
  /** the schema holding seen_messages (default message_log); tests use a private one */
  schema?: string;
  /** how often, by the callers' clock, expired rows are purged (default one minute) */
  purgeEveryMs?: number;
}

interface Claim { sender: string; messageId: string; expiresAt: Date; now: Date; fingerprint: Buffer | null }

const pairKey = (c: { sender: string; messageId: string }) => `${c.sender}\u0000${c.messageId}`;

/**
 * The replay store every hub instance shares (EDS-NOTES checklist item 9; issue 10 item 6):
 * a (sender, message id) pair is accepted once while its record is inside its window. PostgreSQL
 * decides atomically: the insert either creates the row, takes over an expired one, or returns
 * nothing because a live one exists, and two instances racing on one pair serialise on its key.
 */
export class PgReplayStore implements ReplayStore {
  private readonly table: string;
  private readonly purgeEveryMs: number;
  private readonly insertSql: NamedStatement;
  private readonly claims = new CallerBatches<Claim, boolean>((claims) => this.rememberAll(claims));
  private nextPurge = 0;

  constructor(private readonly database: Database, options: PgReplayStoreOptions = {}) {
    const schema = options.schema ?? 'message_log';
    this.table = `"${schema.replace(/"/g, '""')}".seen_messages`;
    this.purgeEveryMs = options.purgeEveryMs ?? 60_000;
    this.insertSql = named(`replay.remember.${schema}`, `INSERT INTO ${this.table} AS s (sender, message_id, expires_at, request_sha256)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $5::bytea[])
       ON CONFLICT (sender, message_id) DO UPDATE
         SET expires_at = CASE WHEN s.expires_at <= $4 THEN EXCLUDED.expires_at ELSE s.expires_at END,
             request_sha256 = CASE WHEN s.expires_at <= $4 THEN EXCLUDED.request_sha256 ELSE s.request_sha256 END
         WHERE s.expires_at <= $4 OR (EXCLUDED.request_sha256 IS NOT NULL AND s.request_sha256 = EXCLUDED.request_sha256)
       RETURNING s.sender, s.message_id`);
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
    return this.claims.add({ sender, messageId, expiresAt, now, fingerprint: fingerprint ?? null });
  }

  /**
   * Claims that arrive while a statement is in flight go together in the next one (CallerBatches):
   * under load every exchange would otherwise pay a round trip and a commit of its own. A pair
   * claimed twice in one batch is decided by a statement of its own after the batch (ON CONFLICT
   * DO UPDATE cannot touch one row twice in a statement), so each claim gets exactly the answer it
   * would get alone.
   */
  private async rememberAll(claims: readonly Claim[]): Promise<boolean[]> {
    const first = new Map<string, Claim>();
    const repeats: number[] = [];
    claims.forEach((c, i) => (first.has(pairKey(c)) ? repeats.push(i) : first.set(pairKey(c), c)));
    const accepted = await this.insert([...first.values()]);
    const out = claims.map((c) => accepted.has(pairKey(c)));
    for (const i of repeats) out[i] = (await this.insert([claims[i]])).has(pairKey(claims[i]));
    return out;
  }

  /**
   * An expired row may be taken over: by then the date window refuses the message anyway, and a
   * purge may already have removed it. A live row is left alone; nothing is returned unless its
   * fingerprint is this document's (the no-op update then only reports it). "Expired" is judged at
   * the latest clock reading in the batch: claims in one batch arrive milliseconds apart, and a
   * message still inside its own date window has a row expiring at least maxFuture (a minute)
   * after its clock, so the batch's reading never lets a replay through.
   */
  private async insert(claims: readonly Claim[]): Promise<Set<string>> {
    const now = new Date(Math.max(...claims.map((c) => c.now.getTime())));
    const rows = await this.database.query<{ sender: string; message_id: string }>(this.insertSql, [
      claims.map((c) => c.sender), claims.map((c) => c.messageId), claims.map((c) => c.expiresAt), now, claims.map((c) => c.fingerprint),
    ]);
    return new Set(rows.map((r) => pairKey({ sender: r.sender, messageId: r.message_id })));
  }

  /** Removes rows whose window has closed; returns how many. */
  async purge(now: Date): Promise<number> {
    const result = await this.database.pool.query(`DELETE FROM ${this.table} WHERE expires_at <= $1`, [now]);
    return result.rowCount ?? 0;
  }
}
