import { randomInt } from 'node:crypto';
import { Client } from 'pg';
import { Database, Stores, loadConfig, migrateAsOwner } from '@hub/platform';
import { REGISTER_MIGRATIONS } from '../register.module';
import { RegisterRepository } from '../register.repository';

/** A made-up word no other test or seed holds. */
const word = () => Array.from({ length: 9 }, () => 'bdfgklmnprstvz'[randomInt(14)]).join('');

/**
 * The term index follows register.subjects whoever writes it (triggers of migration
 * register-search-words): search finds a subject by its current name only.
 */
describe('register term index (BPR §32 search)', () => {
  const url = loadConfig().DATABASE_URL;
  const database = new Database(url, 2, { settings: Stores.register.settings }); // as the register's pool connects
  const repository = new RegisterRepository(database);
  const id = `9913${String(randomInt(10 ** 8)).padStart(8, '0')}`;
  const [a, b, c] = [word(), word(), word()];
  const terms = async () => (await database.query<{ word: string }>('SELECT word FROM register.subject_words WHERE subject_id = $1 ORDER BY word', [id])).map((r) => r.word);
  // The skeleton each term row carries, which search scores the holders by.
  const keys = async () => (await database.query<{ k: string }>('SELECT DISTINCT search_key AS k FROM register.subject_words WHERE subject_id = $1', [id])).map((r) => r.k);
  const found = async (key: string) => (await repository.search(key, null, 20, 0, 0.5)).hits.map((h) => h.subjectId);
  /** Subjects (id, skeleton as their Russian name and key) for one test's body, deleted after it. */
  const withSubjects = async (ids: readonly string[], keys: readonly string[], body: () => Promise<void>) => {
    await database.query(
      `INSERT INTO register.subjects (subject_id, id_kind, legal_form, name_ru, key_ru, search_key, event_time)
       SELECT id, 'BIN', 'LLP', key, key, key, now() FROM unnest($1::text[], $2::text[]) AS t(id, key)`,
      [ids, keys]);
    try {
      await body();
    } finally {
      await database.query('DELETE FROM register.subjects WHERE subject_id = ANY($1)', [ids]);
    }
  };

  beforeAll(() => migrateAsOwner(url, loadConfig(), REGISTER_MIGRATIONS));
  afterAll(async () => {
    await database.query('DELETE FROM register.subjects WHERE subject_id = $1', [id]);
    await database.close();
  });

  it('holds the words of a new name and each two of them; search finds it by a mistyped word', async () => {
    await database.query(
      `INSERT INTO register.subjects (subject_id, id_kind, legal_form, name_ru, key_ru, search_key, event_time) VALUES ($1, 'BIN', 'LLP', $2, $2, $2, now())`,
      [id, `${a} ${b} trade`]);
    expect(await terms()).toEqual([a, b, 'trade', [a, b].sort().join(' '), [a, 'trade'].sort().join(' '), [b, 'trade'].sort().join(' ')].sort());
    expect(await keys()).toEqual([`${a} ${b} trade`]);
    expect(await found(`${a.slice(0, 2)}${a[3]}${a[2]}${a.slice(4)} ${b}`)).toEqual([id]);
  });

  it('finds a short word with two letters swapped, which shares too few trigrams with it to be found by likeness', async () => {
    // Six letters, the third and fourth swapped: 3 of 7 trigrams shared (similarity 0.27, under the
    // 0.3 the dictionary is searched with). Found through the deletion index: one swap away. Without
    // it only "trade" is known, and its first holders by id (more than a search samples) are others.
    // Six different letters: a repeated one could make the swap a no-op or share more trigrams.
    const letters = [...'bdfgklmnprstvz'];
    const short = Array.from({ length: 6 }, () => letters.splice(randomInt(letters.length), 1)[0]).join('');
    const others = Array.from({ length: 250 }, (_, i) => `9912${String(i).padStart(8, '0')}`);
    const target = `9916${String(randomInt(10 ** 8)).padStart(8, '0')}`;
    await withSubjects([...others, target], [...others.map(() => `${word()} trade`), `${short} trade`], async () => {
      const swapped = `${short.slice(0, 2)}${short[3]}${short[2]}${short.slice(4)}`;
      expect((await database.query<{ s: number }>('SELECT similarity($1, $2) AS s', [short, swapped]))[0].s).toBeLessThan(0.3);
      expect((await found(`${swapped} trade`))[0]).toBe(target);
    });
  });

  it('finds a four-letter word from a three-letter one that leaves out its first letter, which no trigram look-up finds', async () => {
    // "dkz" for "bdkz": 2 of 7 trigrams shared (similarity 0.29), and three letters are too few for
    // the deletion index's own entries; "dkz" is the entry of "bdkz" with its first letter left out.
    const letters = [...'bdfgklmnprstvz'];
    const four = Array.from({ length: 4 }, () => letters.splice(randomInt(letters.length), 1)[0]).join('');
    const others = Array.from({ length: 250 }, (_, i) => `9911${String(i).padStart(8, '0')}`);
    const target = `9915${String(randomInt(10 ** 8)).padStart(8, '0')}`;
    await withSubjects([...others, target], [...others.map(() => `${word()} trade`), `${four} trade`], async () => {
      const three = four.slice(1);
      expect((await database.query<{ s: number }>('SELECT similarity($1, $2) AS s', [four, three]))[0].s).toBeLessThan(0.3);
      expect((await found(`${three} trade`))[0]).toBe(target);
    });
  });

  it('a renamed subject is found by its new name only; an update that keeps the name rewrites nothing', async () => {
    await database.query('UPDATE register.subjects SET search_key = $2, key_ru = $2 WHERE subject_id = $1', [id, `${c} ${b} trade`]);
    expect(await terms()).not.toContain(a);
    expect(await terms()).toContain([b, c].sort().join(' '));
    // The terms the new name keeps ("trade", b) carry its skeleton too: scored by the old one, the
    // renamed subject would rank as its old name.
    expect(await keys()).toEqual([`${c} ${b} trade`]);
    expect(await found(a)).toEqual([]);
    expect(await found(c)).toEqual([id]);
    const before = await terms();
    await database.query("UPDATE register.subjects SET status = 'ACTIVE' WHERE subject_id = $1", [id]);
    expect(await terms()).toEqual(before);
  });

  it('scores the candidates that hold the most of the query\'s terms first, whatever their ids', async () => {
    // More namesakes of a pair than a search scores (PRE_RANKED), all with lower ids than the one
    // subject that holds every pair of the query: read by id alone, it would never be scored.
    const [x, y, z] = [word(), word(), word()];
    const namesakes = Array.from({ length: 150 }, (_, i) => `9917${String(i).padStart(8, '0')}`);
    const target = `9919${String(randomInt(10 ** 8)).padStart(8, '0')}`;
    await withSubjects([...namesakes, target], [...namesakes.map(() => `${x} ${y} trade`), `${x} ${y} ${z}`], async () => {
      const { hits } = await repository.search(`${x} ${y} ${z}`, null, 20, 0, 0.5);
      expect(hits[0]).toMatchObject({ subjectId: target, score: 1 });
    });
  });

  it('scores each name of a hit as word_similarity does, a name equal to another or to the whole key included', async () => {
    // The page's names are scored only when no score already stands for them (FIELD_SCORES): the
    // figures must be those of scoring every name.
    const [kk, ru] = [`${word()} ${word()}`, `${word()} trade`];
    const target = `9918${String(randomInt(10 ** 8)).padStart(8, '0')}`;
    await database.query(
      `INSERT INTO register.subjects (subject_id, id_kind, legal_form, name_kk, name_ru, name_en, key_kk, key_ru, key_en, search_key, event_time)
       VALUES ($1, 'BIN', 'LLP', $2, $3, $2, $2, $3, $2, $4, now())`,
      [target, kk, ru, `${kk} | ${ru}`]);
    try {
      const query = `${kk} ${ru.split(' ')[0]}`;
      const [hit] = (await repository.search(query, null, 20, 0, 0.1)).hits.filter((h) => h.subjectId === target);
      const [expected] = await database.query<Record<string, number>>(
        'SELECT word_similarity($1, $2) AS kk, word_similarity($1, $3) AS ru, word_similarity($1, $2) AS en, word_similarity($1, \'\') AS person, word_similarity($1, $4) AS score',
        [query, kk, ru, `${kk} | ${ru}`]);
      expect(hit).toMatchObject({ score: expected.score, fieldScores: { kk: expected.kk, ru: expected.ru, en: expected.en, person: expected.person } });
      expect(hit.fieldScores.ru).toBeGreaterThan(0);
    } finally {
      await database.query('DELETE FROM register.subjects WHERE subject_id = $1', [target]);
    }
  });

  it('keeps the terms of a 3,000-subject upsert batch in time linear in the batch, after a batch of one', async () => {
    // PL/pgSQL keeps a statement's plan for the session, made for the transition tables it first saw.
    // A first update of one row left a nested loop joining old_rows to new_rows: ~36 s for this batch.
    const session = new Client({ connectionString: url });
    await session.connect();
    const ids = Array.from({ length: 3000 }, (_, i) => `9916${String(i).padStart(8, '0')}`);
    const upsert = (batch: string[]) => session.query(
      `INSERT INTO register.subjects (subject_id, id_kind, legal_form, name_ru, key_ru, search_key, event_time)
       SELECT id, 'BIN', 'LLP', $2, $2, $2, now() FROM unnest($1::text[]) AS id
       ON CONFLICT (subject_id) DO UPDATE SET event_time = excluded.event_time WHERE register.subjects.event_time < excluded.event_time`,
      [batch, `${a} ${b} trade`]);
    try {
      await upsert(ids);
      await upsert(ids.slice(0, 1));
      const started = Date.now();
      await upsert(ids);
      expect(Date.now() - started).toBeLessThan(5000);
      expect((await session.query('SELECT count(*)::int AS n FROM register.subject_words WHERE word = $1', [[a, b].sort().join(' ')])).rows[0].n).toBe(3000);
    } finally {
      await session.query('DELETE FROM register.subjects WHERE subject_id = ANY($1)', [ids]);
      await session.end();
    }
  });

  it('a deleted subject leaves no term behind', async () => {
    await database.query('DELETE FROM register.subjects WHERE subject_id = $1', [id]);
    expect(await terms()).toEqual([]);
  });
});
