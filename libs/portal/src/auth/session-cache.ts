/**
 * Pure: the sessions a hub instance has read lately, by token hash, so that a guarded request need
 * not read its session from PostgreSQL again. In the search bench (20 clients, one session) that
 * read was one of a request's two database round trips; its write and read syscalls were most of
 * what the hub spent on it beyond the search.
 *
 * It holds only while revocations are heard (`SessionRevocations`: a deleted or changed session is
 * announced by the database to every instance). `epoch` moves on every revocation heard and on
 * every loss of hearing, and a read started before it moved is not kept: a logout that commits
 * while a lookup is in flight is never cached over. An entry is also dropped after `maxAgeMs`,
 * whatever was heard, and the caller still checks the cached session's absolute end and idle time
 * against its own clock on every use (SessionStore.resolve).
 */
export class SessionCache<V> {
  private readonly entries = new Map<string, { value: V; readAt: number }>();
  private current = 0;

  constructor(private readonly maxAgeMs: number, private readonly maxEntries = 10_000) {}

  /** Moves on every revocation and every clear: a read started under an older epoch is not kept. */
  get epoch(): number {
    return this.current;
  }

  get(key: string, nowMs: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (nowMs - entry.readAt >= this.maxAgeMs || nowMs < entry.readAt) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Keeps a value read from the database, unless a revocation was heard since the read began. */
  put(key: string, value: V, readStartedInEpoch: number, nowMs: number): void {
    if (readStartedInEpoch !== this.current) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, readAt: nowMs });
  }

  /** A value changed here (the idle clock touched): kept with its original read time. */
  update(key: string, change: (value: V) => V): void {
    const entry = this.entries.get(key);
    if (entry) entry.value = change(entry.value);
  }

  /** Forgets one entry (found gone on a read); no revocation, so reads in flight may still be kept. */
  drop(key: string): void {
    this.entries.delete(key);
  }

  revoke(key: string): void {
    this.current++;
    this.entries.delete(key);
  }

  clear(): void {
    this.current++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Where a SessionStore hears that sessions were deleted or changed (by any instance, or by hand). */
export interface SessionRevocations {
  /** True only while revocations are being heard: nothing is cached otherwise. */
  readonly listening: boolean;
  /**
   * `hashHex`: the token SHA-256 (hex) of a revoked session; '*' all of them (a table truncated).
   * `lost`: hearing stopped (connection lost), so what was cached may be stale.
   */
  subscribe(handlers: { revoked: (hashHex: string) => void; lost: () => void }): void;
}
