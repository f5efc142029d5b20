/**
 * When a source's outbox is drained. Feeds arrive in bulk (utility monthly, BPR §24.10) and a
 * report may take up to an hour (BPR §34), so a bulk load is stored first and derived after: each
 * subject is recomputed once, from all its records, once the feeds have been quiet for `quietMs`;
 * but no id waits longer than `maxDelayMs`, however busy the feeds are. With a 30 s bound a
 * million-record backlog recomputed mid-load and halved ingest (9.1k against 20.9k records/s).
 */
export interface DrainTiming {
  quietMs: number;
  maxDelayMs: number;
}

/** Ages in ms, measured by the database clock (the outbox rows) and this process (its last feed batch). */
export interface OutboxState {
  /** The oldest waiting id's age; null when the outbox is empty. */
  oldestAgeMs: number | null;
  /** The newest waiting id's age (any instance may have written it). */
  newestAgeMs: number;
  /** Time since this instance last took in a feed batch. */
  sinceLastBatchMs: number;
}

/**
 * Pure. 'quiet': drain everything. 'overdue': drain what waited up to now only - ids arriving during
 * the drain wait for the next quiet window or bound, so a busy load is not recomputed piecemeal.
 */
export function drainDue(state: OutboxState, timing: DrainTiming): 'quiet' | 'overdue' | null {
  if (state.oldestAgeMs === null) return null;
  if (state.newestAgeMs >= timing.quietMs && state.sinceLastBatchMs >= timing.quietMs) return 'quiet';
  if (state.oldestAgeMs >= timing.maxDelayMs) return 'overdue';
  return null;
}

/**
 * Pure: whether a drain goes on to its next chunk. An overdue drain runs to its cutoff; a quiet one
 * stops as soon as a feed batch arrives again. Without this a quiet drain kept claiming what the
 * resumed feeds wrote, chunk after chunk, until the outbox was empty: derived work ran beside the
 * feeds (which a quiet window exists to avoid), and at a shutdown mid-load nothing was left waiting
 * on disk (test/shutdown.e2e-spec, which failed when the feeds' back-off made quiet windows).
 */
export function drainGoesOn(due: 'quiet' | 'overdue', sinceLastBatchMs: number, timing: DrainTiming): boolean {
  return due === 'overdue' || sinceLastBatchMs >= timing.quietMs;
}
