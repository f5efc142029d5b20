import { Database, Stores, runMigrations } from '@hub/platform';
import { dropPrivateDatabase, privateDatabase, waitFor } from '@hub/test-support';
import { REGISTER_MIGRATIONS } from '../register.module';
import { RegisterRepository } from '../register.repository';
import { SearchKeyRefresh } from './search-key-refresh';
import { searchKey } from './search-key';
import { SearchKeyStateRepository } from './search-key-state.repository';

const silent = { info: () => undefined, warn: () => undefined } as never;

/**
 * Stored skeletons made by an older version of the folds are rewritten (migration
 * register-search-key-version), on a database of its own: a refresh reads every subject and resets
 * the state, which on the shared database would race other files' hubs.
 */
describe('search key refresh on PostgreSQL', () => {
  let url: string | undefined;
  let database: Database;
  let other: Database;
  let state: SearchKeyStateRepository;
  let register: RegisterRepository;
  // Names in Russian and in MVD Latin, with the keys version 1 stored for them (its folds collapsed
  // doubled letters after IE, so the Latin YYE and IYE kept an I the Cyrillic skeleton has not).
  const subjects: Array<[string, string, string | null, string, string]> = [
    ['990100000001', 'ТОО «Новые технологии»', 'Novyye Tekhnologii LLP', 'nove tehnologi', 'novie tehnologi'],
    ['990100000002', 'ТОО «Сибирские Шыем»', 'Sibirskiye Shyyem LLP', 'sibirske sem', 'sibirskie siem'],
    ['990100000003', 'ТОО «Алтын Агро»', 'Altyn Agro LLP', 'altin agro', 'altin agro'],
    ['990100000004', 'ТОО «Кызыл Жар»', null, 'kizil jar', ''],
    ['990100000005', 'ТОО «Большие Поля»', 'Bolshiye Polya LLP', 'bolse polia', 'bolsie polia'],
  ];
  const column = (i: number) => subjects.map((s) => s[i]);
  const stored = async (id: string) => (await database.query<{ key_en: string; search_key: string }>(
    'SELECT key_en, search_key FROM register.subjects WHERE subject_id = $1', [id]))[0];
  const storedVersion = async () => (await database.query<{ version: number }>('SELECT version FROM register.search_key_state'))[0].version;
  const terms = async (id: string) => (await database.query<{ word: string }>('SELECT word FROM register.subject_words WHERE subject_id = $1 ORDER BY word', [id])).map((t) => t.word);
  const found = async (query: string) => (await register.search(searchKey(query), null, 20, 0, 0.5)).hits.map((h) => h.subjectId);

  beforeAll(async () => {
    url = (await privateDatabase('rekey')).DATABASE_URL;
    await runMigrations(url, REGISTER_MIGRATIONS);
    database = new Database(url, 2, { settings: Stores.register.settings });
    other = new Database(url, 2, { settings: Stores.register.settings });
    state = new SearchKeyStateRepository(database);
    register = new RegisterRepository(database);
    await database.query(
      `INSERT INTO register.subjects (subject_id, id_kind, legal_form, name_ru, name_en, key_ru, key_en, search_key, event_time)
       SELECT id, 'BIN', 'LLP', ru, en, key_ru, key_en, array_to_string(ARRAY(SELECT DISTINCT k FROM unnest(ARRAY[key_ru, key_en]) k WHERE k <> '' ORDER BY k), ' | '), now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, ru, en, key_ru, key_en)`,
      [column(0), column(1), column(2), column(3), column(4)]);
  });

  afterAll(async () => {
    await database?.close();
    await other?.close();
    if (url) await dropPrivateDatabase(url);
  });

  it('starts at version 1, whose keys of the Latin names with YYE or IYE are not this build\'s', async () => {
    expect(await storedVersion()).toBe(1);
    expect(subjects.filter(([, , en, , key]) => searchKey(en) !== key).map(([id]) => id)).toEqual(['990100000001', '990100000002', '990100000005']);
    expect(await terms('990100000001')).toEqual(['nove', 'nove tehnologi', 'novie', 'novie tehnologi', 'tehnologi']);
  });

  it('re-keys in batches that resume where the last one stopped, leaving current keys alone', async () => {
    const first = await state.step(2, 2);
    expect(first).toEqual({ kind: 'BATCH', read: 2, rewritten: 2, through: '990100000002', finished: false });
    expect(await stored('990100000001')).toEqual({ key_en: 'nove tehnologi', search_key: 'nove tehnologi' });
    expect(await stored('990100000003')).toEqual({ key_en: 'altin agro', search_key: 'altin agro' });
    expect(await storedVersion()).toBe(1);
    // «Алтын Агро» and «Кызыл Жар» keep their keys: only «Большие Поля» changes.
    expect(await state.step(2, 2)).toEqual({ kind: 'BATCH', read: 2, rewritten: 0, through: '990100000004', finished: false });
    expect(await state.step(2, 2)).toEqual({ kind: 'BATCH', read: 1, rewritten: 1, through: '', finished: true });
    expect(await stored('990100000005')).toEqual({ key_en: 'bolse polia', search_key: 'bolse polia' });
    expect(await storedVersion()).toBe(2);
    expect(await state.step(2, 2)).toEqual({ kind: 'CURRENT', version: 2 });
  });

  it('keeps the term index in step: the old skeleton\'s words are gone, the names found from their Latin spelling', async () => {
    expect(await terms('990100000001')).toEqual(['nove', 'nove tehnologi', 'tehnologi']);
    expect(await found('Novyye tekhnologii')).toEqual(['990100000001']);
    expect(await found('Sibirskiye Shyyem')).toEqual(['990100000002']);
  });

  it('lets one instance at a time work a batch: another finds the state row taken', async () => {
    await database.query('UPDATE register.subjects SET key_en = $1, search_key = $1 WHERE subject_id = $2', ['novie tehnologi', '990100000001']);
    await database.query("UPDATE register.search_key_state SET version = 1, rekeyed_through = ''");
    const held = other.transaction(async (client) => {
      await client.query('SELECT 1 FROM register.search_key_state FOR UPDATE');
      const busy = await state.step(2, 10);
      return busy;
    });
    expect(await held).toEqual({ kind: 'BUSY' });
    const refresh = new SearchKeyRefresh(state, silent);
    await refresh.run(2);
    expect(await storedVersion()).toBe(2);
    expect(await stored('990100000001')).toEqual({ key_en: 'nove tehnologi', search_key: 'nove tehnologi' });
  });

  it('skips a subject a newer fact rewrote between the read and the write', async () => {
    await database.query("UPDATE register.search_key_state SET version = 1, rekeyed_through = ''");
    await database.query('UPDATE register.subjects SET key_en = $1, search_key = $1 WHERE subject_id = $2', ['novie tehnologi', '990100000001']);
    // The ingest of a newer registration renames the subject in a transaction still open when the
    // refresh reads (it sees the old name) and writes (it waits for the row); then it commits.
    const ingest = await other.pool.connect();
    try {
      await ingest.query('BEGIN');
      await ingest.query(`UPDATE register.subjects SET name_en = 'Novyy LLP', key_en = 'novi', search_key = 'novi', event_time = event_time + interval '1 second'
        WHERE subject_id = '990100000001'`);
      const step = state.step(2, 10);
      await waitFor(async () => (await database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"))[0].n === 1, 'the refresh waiting for the row');
      await ingest.query('COMMIT');
      expect(await step).toEqual({ kind: 'BATCH', read: 5, rewritten: 0, through: '', finished: true });
    } finally {
      ingest.release();
    }
    expect(await stored('990100000001')).toEqual({ key_en: 'novi', search_key: 'novi' });
  });
});
