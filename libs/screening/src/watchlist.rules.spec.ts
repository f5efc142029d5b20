import { fixtureText } from '../test/watchlist-fixtures';
import { parseUnConsolidatedList } from './parsing/un-consolidated.parser';
import { WatchlistRejection, latestPerEntry, validateWatchlistEntry } from './watchlist.rules';
import type { WatchlistEntryRecord } from './watchlist-entry';

const now = new Date('2026-12-01T10:00:00Z');
const base = parseUnConsolidatedList(fixtureText('un-consolidated.xml')).entries[0];
const record = (patch: Partial<WatchlistEntryRecord> = {}): WatchlistEntryRecord => ({ ...base, ...patch });
const code = (r: WatchlistEntryRecord, key: string | null = r.entryId) => {
  const v = validateWatchlistEntry(r, key, now);
  return v.ok ? 'OK' : v.code;
};

describe('watchlist entry rules', () => {
  it('accepts a parsed UN entry and converts its dates', () => {
    const v = validateWatchlistEntry(base, base.entryId, now);
    expect(v.ok && v.value).toMatchObject({ entryId: 'UN_SC:910001', listedOn: '2015-03-27', eventTime: new Date('2026-09-03T23:00:00.818Z') });
  });

  it('rejects a key that is not the entry id, and an entry id of another list or shape', () => {
    expect(code(record(), 'UN_SC:1')).toBe(WatchlistRejection.KEY_MISMATCH);
    expect(code(record({ entryId: 'KZ_AFM:910001' }))).toBe(WatchlistRejection.ENTRY_ID_FORMAT);
    expect(code(record({ entryId: 'UN_SC:' }))).toBe(WatchlistRejection.ENTRY_ID_FORMAT);
    expect(code(record({ entryId: 'UN_SC:a b' }))).toBe(WatchlistRejection.ENTRY_ID_FORMAT);
  });

  it('requires a name and a list version; unknown symbols are refused', () => {
    expect(code(record({ wholeName: '  ' }))).toBe(WatchlistRejection.REQUIRED_FIELD_MISSING);
    expect(code(record({ listVersion: '' }))).toBe(WatchlistRejection.REQUIRED_FIELD_MISSING);
    expect(code(record({ kind: 'VESSEL' as unknown as WatchlistEntryRecord['kind'] }))).toBe(WatchlistRejection.ENUM_UNKNOWN);
    expect(code(record({ aliases: [{ name: 'x', strength: 'MEDIUM' as 'STRONG' }] }))).toBe(WatchlistRejection.ENUM_UNKNOWN);
  });

  it('checks birth dates at their precision and refuses a year widened into nonsense', () => {
    const d = (patch: object) => record({ birthDates: [{ precision: 'DAY', date: '1979-04-03', fromYear: null, toYear: null, approximate: false, ...patch }] });
    expect(code(d({ precision: 'YEAR', date: '1979' }))).toBe('OK');
    expect(code(d({ precision: 'MONTH', date: '1979-04' }))).toBe('OK');
    expect(code(d({ precision: 'YEAR_RANGE', date: null, fromYear: 1970, toYear: 1972 }))).toBe('OK');
    expect(code(d({ date: '1979-02-30' }))).toBe(WatchlistRejection.BIRTH_DATE_INVALID);
    expect(code(d({ precision: 'YEAR', date: '1979-01-01' }))).toBe(WatchlistRejection.BIRTH_DATE_INVALID);
    expect(code(d({ precision: 'YEAR_RANGE', date: null, fromYear: 1975, toYear: 1972 }))).toBe(WatchlistRejection.BIRTH_DATE_INVALID);
    expect(code(d({ date: '2026-12-24' }))).toBe(WatchlistRejection.DATE_IN_FUTURE);
  });

  it('checks an IIN identifier and refuses future dates', () => {
    expect(code(record({ identifiers: [{ type: 'IIN', value: '850312390008', country: 'KZ' }] }))).toBe('OK');
    expect(code(record({ identifiers: [{ type: 'IIN', value: '850312390009', country: 'KZ' }] }))).toBe(WatchlistRejection.IDENTIFIER_INVALID);
    expect(code(record({ listedOn: Math.floor(now.getTime() / 86_400_000) + 1 }))).toBe(WatchlistRejection.DATE_IN_FUTURE);
    expect(code(record({ eventTime: now.getTime() + 10 * 60_000 }))).toBe(WatchlistRejection.DATE_IN_FUTURE);
  });

  it('keeps the latest state of an entry within a batch', () => {
    const v = (r: WatchlistEntryRecord) => { const x = validateWatchlistEntry(r, null, now); if (!x.ok) throw new Error(x.code); return { entry: x.value }; };
    const kept = latestPerEntry([v(record({ eventTime: 1000 })), v(record({ eventTime: 3000, delisted: true })), v(record({ eventTime: 2000 }))]);
    expect(kept.map((k) => [k.entry.eventTime.getTime(), k.entry.delisted])).toEqual([[3000, true]]);
  });
});
