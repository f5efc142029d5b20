import { fixtureEntries } from '../test/watchlist-fixtures';
import { readScreeningConfigs } from './matching/config-files';
import { WatchlistEntry } from './watchlist-entry';
import { WatchlistChanges, WatchlistRepository } from './watchlist.repository';
import { ScreeningInputError, WatchlistScreening } from './watchlist-screening.service';

/** The table as another instance wrote it: rows with their updated_at. */
class FakeRepository {
  rows: Array<{ entry: WatchlistEntry; updatedAt: Date }> = [];
  calls: Array<Date | null> = [];
  async changedSince(since: Date | null): Promise<WatchlistChanges> {
    this.calls.push(since);
    const rows = this.rows.filter((r) => since === null || r.updatedAt > since);
    return { entries: rows.map((r) => r.entry), watermark: rows.reduce<Date | null>((m, r) => (!m || r.updatedAt > m ? r.updatedAt : m), since) };
  }
}

describe('WatchlistScreening', () => {
  const entries = fixtureEntries();
  const qahirullah = entries.find((e) => e.entryId === 'UN_SC:910003')!;

  it('loads the table on first use, then sees what another instance stored, de-listings included', async () => {
    const repo = new FakeRepository();
    repo.rows = entries.map((entry) => ({ entry, updatedAt: new Date(Date.now() - 60_000) }));
    const screening = new WatchlistScreening(repo as unknown as WatchlistRepository, readScreeningConfigs());
    const first = await screening.screen({ kind: 'PERSON', name: 'Qahirullah' });
    expect(first).toMatchObject({ configVersion: '2026.1', hits: [expect.objectContaining({ entryId: 'UN_SC:910003' })] });
    expect(repo.calls).toEqual([null]);
    expect(screening.size).toBe(entries.length);

    repo.rows.push({ entry: { ...qahirullah, delisted: true, eventTime: new Date(qahirullah.eventTime.getTime() + 1), listVersion: 'next' }, updatedAt: new Date() });
    await new Promise((r) => setTimeout(r, 1100)); // the refresh interval
    expect((await screening.screen({ kind: 'PERSON', name: 'Qahirullah' })).hits).toEqual([]);
    expect(repo.calls).toHaveLength(2);
    // Only rows changed since the last look (less an overlap) are read again.
    expect(repo.calls[1]!.getTime()).toBeGreaterThan(Date.now() - 120_000);
  });

  it('applies what this instance stored at once, and refuses a subject it cannot screen', async () => {
    const repo = new FakeRepository();
    const screening = new WatchlistScreening(repo as unknown as WatchlistRepository, readScreeningConfigs());
    expect((await screening.screen({ kind: 'PERSON', name: 'Qahirullah' })).hits).toEqual([]);
    screening.apply([qahirullah]);
    expect((await screening.screen({ kind: 'PERSON', name: 'Qahirullah' })).hits).toHaveLength(1);
    const code = async (subject: Parameters<WatchlistScreening['screen']>[0]) => screening.screen(subject).then(() => 'OK', (e: { code: string }) => e.code);
    expect(await code({ kind: 'PERSON', name: ' ' })).toBe(ScreeningInputError.NAME_MISSING);
    expect(await code({ kind: 'PERSON', name: 'A B', birthDate: '12.03.1985' })).toBe(ScreeningInputError.BIRTH_DATE_FORMAT);
    expect(await code({ kind: 'VESSEL' as 'PERSON', name: 'A B' })).toBe(ScreeningInputError.KIND_UNKNOWN);
    expect(await code({ kind: 'PERSON', name: '', identifiers: ['850312390008'] })).toBe('OK');
  });
});
