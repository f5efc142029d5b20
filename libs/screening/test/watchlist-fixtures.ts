import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAfmList } from '../src/parsing/afm.parser';
import { parseUnConsolidatedList } from '../src/parsing/un-consolidated.parser';
import { validateWatchlistEntry } from '../src/watchlist.rules';
import type { WatchlistEntry, WatchlistEntryRecord } from '../src/watchlist-entry';

export const fixtureText = (name: string): string => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

export const toEntry = (record: WatchlistEntryRecord, now = new Date('2026-12-01T00:00:00Z')): WatchlistEntry => {
  const v = validateWatchlistEntry(record, record.entryId, now);
  if (!v.ok) throw new Error(`${record.entryId}: ${v.code} ${v.reason}`);
  return v.value;
};

/** The UN fixture plus both AFM fixtures, validated as the consumer would. */
export function fixtureEntries(): WatchlistEntry[] {
  const snapshotTime = new Date('2026-09-05T06:00:00Z');
  return [
    ...parseUnConsolidatedList(fixtureText('un-consolidated.xml')).entries,
    ...parseAfmList(fixtureText('afm-category-1.xml'), { category: 1, snapshotTime }).entries,
    ...parseAfmList(fixtureText('afm-category-2.xml'), { category: 2, snapshotTime }).entries,
  ].map((r) => toEntry(r));
}
