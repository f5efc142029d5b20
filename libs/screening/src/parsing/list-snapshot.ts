import type { WatchlistEntryRecord, WatchlistName } from '../watchlist-entry';

/** An entry the parser could not turn into a record: reported, never silently dropped. */
export interface ParseProblem {
  sourceId: string | null;
  code: 'ID_MISSING' | 'NAME_MISSING' | 'DUPLICATE_ID';
  reason: string;
}

/** One published list file, parsed: every entry of the snapshot plus what was skipped and why. */
export interface ListSnapshot {
  list: WatchlistName;
  /** When the file covers one sub-list only (an AFM category), the program it covers; null for the whole list. */
  program: string | null;
  listVersion: string;
  generatedAt: Date;
  entries: WatchlistEntryRecord[];
  problems: ParseProblem[];
}

/**
 * Snapshot semantics (NDIP-NOTES §1): each file is the whole list and carries no removal marker.
 * An entry that is in force (not delisted) in `current` but missing from `next` has been
 * de-listed: it is published once more, delisted, at the new snapshot's version and time.
 */
export function delistings(current: Iterable<WatchlistEntryRecord>, next: ListSnapshot): WatchlistEntryRecord[] {
  const present = new Set(next.entries.map((e) => e.entryId));
  const out: WatchlistEntryRecord[] = [];
  for (const entry of current) {
    if (entry.list !== next.list || (next.program !== null && entry.program !== next.program) || entry.delisted || present.has(entry.entryId)) continue;
    if (entry.eventTime >= next.generatedAt.getTime()) continue; // a newer state than this snapshot: not ours to undo
    out.push({ ...entry, delisted: true, listVersion: next.listVersion, eventTime: next.generatedAt.getTime() });
  }
  return out;
}
