import { createHash } from 'node:crypto';
import { named, statement, type Database, type NamedStatement, type Queryable } from '@hub/platform';
import {
  CHANNELS,
  DIRECTIONS,
  GENESIS_HASH,
  HASH_RECIPE_TEXT,
  HASH_RECIPE_VERSION,
  documentDigest,
  entryDigest,
  entryHash,
  type Channel,
  type ChainFields,
  type Direction,
} from './hash-chain';
import { PROOF_FORMAT, type MessageLogProof, type MessageLogRow, type ProofLink } from './proof';

export interface MessageLogEntry {
  messageId: string;
  correlationId?: string | null;
  direction: Direction;
  channel: Channel;
  /** document type, e.g. the envelope's type (KYC_REQUEST, KYC_RESULT, ...) */
  type: string;
  /** the BIN the message claims as its sender; null when it could not be read */
  senderBin: string | null;
  /** ACCEPTED, REFUSED:<code>, ... */
  outcome: string;
  /** the signed XML exactly as sent or received; a string is stored as its UTF-8 bytes */
  document: string | Buffer;
}

export interface ChainVerification {
  ok: boolean;
  /** rows found intact, in seq order, before the first broken one (all of them when ok) */
  count: number;
  /** the first seq that does not check */
  brokenAt?: string;
  reason?: string;
  /** the last intact row */
  head?: { seq: string; hash: string };
}

export enum MessageLogError {
  INVALID_ENTRY = 'INVALID_ENTRY',
}

export class MessageLogEntryError extends Error {
  readonly code = MessageLogError.INVALID_ENTRY;
}

export interface MessageLogOptions {
  /** the schema holding the log (default message_log); tests use a private one */
  schema?: string;
  /** rows per page when verifying or exporting (default 1000) */
  pageSize?: number;
  /** most rows committed in one append transaction (default 100) */
  maxBatch?: number;
}

interface StoredRow {
  seq: string;
  message_id: string;
  correlation_id: string | null;
  direction: Direction;
  channel: Channel;
  document_type: string;
  sender_bin: string | null;
  outcome: string;
  recorded_at: Date;
  document_sha256: string;
  prev_hash: string;
  hash: string;
}

// Qualify seq in ORDER BY (e.seq): the bare name would sort by this text alias, 10 before 2.
const ROW_COLUMNS = 'seq::text AS seq, message_id, correlation_id, direction, channel, document_type, sender_bin, outcome, recorded_at, document_sha256, prev_hash, hash';

const toRow = (r: StoredRow): MessageLogRow => ({
  seq: r.seq,
  messageId: r.message_id,
  correlationId: r.correlation_id,
  direction: r.direction,
  channel: r.channel,
  type: r.document_type,
  senderBin: r.sender_bin,
  outcome: r.outcome,
  recordedAt: r.recorded_at.toISOString(),
  documentSha256: r.document_sha256,
  prevHash: r.prev_hash,
  hash: r.hash,
});

// Text that PostgreSQL or UTF-8 cannot hold as given (NUL, lone surrogates) would be stored
// differently from what was hashed: refuse it instead.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function checkText(name: string, value: unknown, nullable: boolean): string | null {
  if (value === null || value === undefined) {
    if (nullable) return null;
    throw new MessageLogEntryError(`${name} is required`);
  }
  if (typeof value !== 'string') throw new MessageLogEntryError(`${name} must be a string`);
  if (!nullable && value.length === 0) throw new MessageLogEntryError(`${name} must not be empty`);
  if (UNSTORABLE.test(value)) throw new MessageLogEntryError(`${name} holds a NUL or an unpaired surrogate`);
  return value;
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** An entry checked and digested, waiting for its seq, time and link. */
interface Prepared {
  fields: Omit<ChainFields, 'seq' | 'recordedAt'>;
  document: Buffer;
}

function prepare(entry: MessageLogEntry): Prepared {
  const messageId = checkText('messageId', entry.messageId, false)!;
  const correlationId = checkText('correlationId', entry.correlationId ?? null, true);
  const type = checkText('type', entry.type, false)!;
  const senderBin = checkText('senderBin', entry.senderBin, true);
  const outcome = checkText('outcome', entry.outcome, false)!;
  if (!DIRECTIONS.includes(entry.direction)) throw new MessageLogEntryError(`direction must be one of ${DIRECTIONS.join(', ')}`);
  if (!CHANNELS.includes(entry.channel)) throw new MessageLogEntryError(`channel must be one of ${CHANNELS.join(', ')}`);
  if (typeof entry.document !== 'string' && !Buffer.isBuffer(entry.document)) throw new MessageLogEntryError('document must be a string or a Buffer');
  const document = typeof entry.document === 'string' ? Buffer.from(entry.document, 'utf8') : entry.document;
  return {
    fields: { messageId, correlationId, direction: entry.direction, channel: entry.channel, type, senderBin, outcome, documentSha256: documentDigest(document) },
    document,
  };
}

interface Queued {
  entry: Prepared;
  resolve: (written: { seq: string; hash: string }) => void;
  reject: (error: unknown) => void;
}

/**
 * The tamper-evident log of every signed message in or out (SPEC §4; X-Road's message log is the
 * model). Rows are only ever appended; each row's hash covers the previous row's hash and the
 * row's fields with its document's SHA-256 (recipe: hash-chain.ts). Safe with several hub
 * instances on one database: appends serialise on a transaction-scoped advisory lock per log, and
 * UNIQUE(prev_hash) makes a fork impossible even without it. Within one instance, appends that
 * arrive while a write is in flight share the next transaction.
 */
export class MessageLog {
  private readonly table: string;
  private readonly lockKey: string;
  private readonly pageSize: number;
  private readonly maxBatch: number;
  private readonly queue: Queued[] = [];
  private flushing = false;
  /** The INSERT of a batch of n rows, by n (see insertOf). */
  private readonly inserts: NamedStatement[] = [];

  constructor(private readonly database: Database, options: MessageLogOptions = {}) {
    const schema = options.schema ?? 'message_log';
    this.table = `${quoteIdent(schema)}.entries`;
    // One lock per log (per schema), a signed 64-bit key taken from a hash of its name.
    this.lockKey = createHash('sha256').update(`hub.message-log:${schema}`).digest().readBigInt64BE(0).toString();
    this.pageSize = options.pageSize ?? 1000;
    this.maxBatch = options.maxBatch ?? 100;
  }

  /**
   * Appends one row and resolves with its seq and hash once it is committed. Calls made while a
   * write is in flight are committed together in the next transaction (group commit, up to
   * maxBatch rows): one lock and one WAL flush for many rows, each still its own link.
   */
  append(entry: MessageLogEntry): Promise<{ seq: string; hash: string }> {
    let prepared: Prepared;
    try {
      prepared = prepare(entry);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ entry: prepared, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const written = await this.write(batch.map((b) => b.entry));
          batch.forEach((b, i) => b.resolve(written[i]));
        } catch (error) {
          if (batch.length === 1) {
            batch[0].reject(error);
            continue;
          }
          // One row the database refuses must not fail the others: retry them one by one.
          for (const b of batch) await this.write([b.entry]).then(([w]) => b.resolve(w), b.reject);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async write(entries: Prepared[]): Promise<{ seq: string; hash: string }[]> {
    const client = await this.database.pool.connect();
    try {
      // One round trip for BEGIN, the lock and the head (a multi-statement simple query: each
      // statement takes its own snapshot, so the head is read after the lock is held and sees every
      // committed append). The lock is held until COMMIT, which makes these rows visible before the
      // next appender reads the head. The clock is the database's: one clock for all instances,
      // truncated to what the recipe encodes.
      const results = (await client.query(
        `BEGIN; SELECT pg_advisory_xact_lock(${this.lockKey});
         SELECT h.seq::text AS seq, h.hash, n.now
           FROM (SELECT date_trunc('milliseconds', clock_timestamp()) AS now) n
           LEFT JOIN LATERAL (SELECT seq, hash FROM ${this.table} ORDER BY seq DESC LIMIT 1) h ON true`,
      )) as unknown as Array<{ rows: Array<{ seq: string | null; hash: string | null; now: Date }> }>;
      const head = results[2].rows[0];
      let prevHash = head.hash ?? GENESIS_HASH;
      let seq = BigInt(head.seq ?? '0');
      const params: unknown[] = [];
      const written: { seq: string; hash: string }[] = [];
      const recordedAt = head.now.toISOString();
      for (const e of entries) {
        seq += 1n;
        const fields: ChainFields = { ...e.fields, seq: seq.toString(), recordedAt };
        const hash = entryHash(prevHash, fields);
        params.push(fields.seq, fields.messageId, fields.correlationId, fields.direction, fields.channel, fields.type, fields.senderBin, fields.outcome,
          e.document, fields.documentSha256, head.now, prevHash, hash);
        written.push({ seq: fields.seq, hash });
        prevHash = hash;
      }
      await client.query(statement(this.insertOf(entries.length), params));
      await client.query('COMMIT');
      return written;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * The INSERT of n rows (13 parameters each; documents travel as binary parameters), prepared once
   * per connection and batch size: group commits come in every size up to maxBatch, and a fresh
   * text per batch made PostgreSQL parse and plan each one and the hub build the text again.
   */
  private insertOf(n: number): NamedStatement {
    let found = this.inserts[n];
    if (!found) {
      const tuples: string[] = [];
      for (let r = 0; r < n; r++) tuples.push(`($${r * 13 + 1}::bigint, ${Array.from({ length: 12 }, (_, i) => `$${r * 13 + i + 2}`).join(', ')})`);
      found = named(`message-log.append.${this.lockKey}.${n}`, `INSERT INTO ${this.table} (seq, message_id, correlation_id, direction, channel, document_type, sender_bin, outcome, document, document_sha256, recorded_at, prev_hash, hash)
         VALUES ${tuples.join(', ')}`);
      this.inserts[n] = found;
    }
    return found;
  }

  /**
   * Walks the whole chain in seq order, a page at a time, in one consistent snapshot: seqs
   * consecutive from 1, each document's digest, each row's hash, each prevHash the hash before.
   * Stops at the first row that does not check. With `anchor`, a head kept from an earlier run
   * (outside the database), the chain must also still hold that seq with that hash: this catches
   * rows cut from the end, which a hash chain alone cannot show.
   */
  async verify(anchor?: { seq: string; hash: string }): Promise<ChainVerification> {
    return this.snapshot(async (client) => {
      let prevHash = GENESIS_HASH;
      let expected = 1n;
      let count = 0;
      for (;;) {
        const { rows } = await client.query<StoredRow & { actual_sha256: string }>(
          `SELECT ${ROW_COLUMNS}, encode(sha256(document), 'hex') AS actual_sha256
             FROM ${this.table} e WHERE e.seq >= $1::bigint ORDER BY e.seq LIMIT ${this.pageSize}`,
          [expected.toString()],
        );
        for (const stored of rows) {
          const row = toRow(stored);
          const broken = (reason: string): ChainVerification => ({
            ok: false, count, brokenAt: row.seq, reason,
            ...(count > 0 ? { head: { seq: (expected - 1n).toString(), hash: prevHash } } : {}),
          });
          if (row.seq !== expected.toString()) {
            return { ...broken(`seq ${expected} is missing (next row is ${row.seq})`), brokenAt: expected.toString() };
          }
          if (stored.actual_sha256 !== row.documentSha256) return broken('the document does not match its stored SHA-256');
          if (row.prevHash !== prevHash) return broken(`prev_hash is not the hash of seq ${expected - 1n}`);
          if (entryHash(prevHash, row) !== row.hash) return broken('hash does not match the row\'s fields (recipe ' + HASH_RECIPE_VERSION + ')');
          if (anchor && row.seq === anchor.seq && row.hash !== anchor.hash) return broken(`hash differs from the anchored head ${anchor.hash}`);
          prevHash = row.hash;
          expected += 1n;
          count += 1;
        }
        if (rows.length < this.pageSize) break;
      }
      if (anchor && BigInt(anchor.seq) >= expected) {
        return {
          ok: false, count, brokenAt: expected.toString(), reason: `the chain ends at seq ${expected - 1n}, before the anchored head seq ${anchor.seq}`,
          ...(count > 0 ? { head: { seq: (expected - 1n).toString(), hash: prevHash } } : {}),
        };
      }
      return { ok: true, count, ...(count > 0 ? { head: { seq: (expected - 1n).toString(), hash: prevHash } } : {}) };
    });
  }

  /**
   * Every row with this message id (documents included) and the chain proof from the first of
   * them to the current head; null if the log holds no such message. See proof.ts for the format
   * and checkProof for how a third party checks it.
   */
  async export(messageId: string): Promise<MessageLogProof | null> {
    return this.snapshot(async (client) => {
      const { rows } = await client.query<StoredRow & { document: Buffer }>(
        `SELECT ${ROW_COLUMNS}, document FROM ${this.table} e WHERE e.message_id = $1 ORDER BY e.seq`, [messageId],
      );
      if (rows.length === 0) return null;
      const entries = rows.map((r) => ({ ...toRow(r), document: r.document.toString('base64') }));
      const links: ProofLink[] = [];
      let from = BigInt(entries[0].seq);
      for (;;) {
        const page = await client.query<StoredRow>(
          `SELECT ${ROW_COLUMNS} FROM ${this.table} e WHERE e.seq >= $1::bigint ORDER BY e.seq LIMIT ${this.pageSize}`, [from.toString()],
        );
        for (const r of page.rows) {
          const row = toRow(r);
          links.push({ seq: row.seq, entryDigest: entryDigest(row), hash: row.hash });
          from = BigInt(row.seq) + 1n;
        }
        if (page.rows.length < this.pageSize) break;
      }
      const last = links[links.length - 1];
      return {
        format: PROOF_FORMAT,
        recipeVersion: HASH_RECIPE_VERSION,
        recipe: HASH_RECIPE_TEXT,
        messageId,
        exportedAt: new Date().toISOString(),
        entries,
        startPrevHash: entries[0].prevHash,
        links,
        head: { seq: last.seq, hash: last.hash },
      };
    });
  }

  /** Rows for one message id, without documents (for operators and tests). */
  async rows(messageId: string): Promise<MessageLogRow[]> {
    const rows = await this.database.query<StoredRow>(`SELECT ${ROW_COLUMNS} FROM ${this.table} e WHERE e.message_id = $1 ORDER BY e.seq`, [messageId]);
    return rows.map(toRow);
  }

  /** A read-only, repeatable-read transaction: a walk over many pages sees one state of the log. */
  private snapshot<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    return this.database.transaction(async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return work(client);
    });
  }
}
