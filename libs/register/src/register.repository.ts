import { Inject, Injectable } from '@nestjs/common';
import type { PublicFactKind, RegistrationFacts, TaxPublicFactsDoc } from '@hub/contracts';
import { Column, Database, GroupRead, columnLiterals, named, unnestUpsert } from '@hub/platform';
import type { FactRow } from './profile';
import type { StoredFact } from './public-fact.rules';
import { REGISTER_DATABASE } from './register-database';
import { subjectKeys } from './search/search-key';

const FACT_COLUMNS: readonly Column[] = [
  ['subject_id', 'text'], ['kind', 'text'], ['item_key', 'text'], ['event_time', 'timestamptz'], ['stored_at', 'timestamptz'], ['facts', 'jsonb'],
];
const SUBJECT_COLUMNS: readonly Column[] = [
  ['subject_id', 'text'], ['id_kind', 'text'], ['legal_form', 'text'], ['status', 'text'], ['name_kk', 'text'], ['name_ru', 'text'], ['name_en', 'text'],
  ['person_name', 'text'], ['key_kk', 'text'], ['key_ru', 'text'], ['key_en', 'text'], ['key_person', 'text'], ['search_key', 'text'],
  ['event_time', 'timestamptz'],
];
// A fact changes only for a newer event: redelivery and out-of-order arrival are no-ops. Facts and
// their search rows go in one statement (one implicit transaction, prepared once per connection):
// BEGIN, two upserts and COMMIT were four round trips, and under a load each one waited its turn
// for a busy database (a ping took 1.4 s) while the change was not yet visible (issue #12).
const UPSERT = named('register.upsert', `
  WITH facts AS (${unnestUpsert('register.facts', FACT_COLUMNS, ['subject_id', 'kind', 'item_key'])}
    RETURNING 1
  ), subjects AS (${unnestUpsert('register.subjects', SUBJECT_COLUMNS, ['subject_id'], undefined, FACT_COLUMNS.length + 1)}
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM facts)::int AS changed, (SELECT count(*) FROM subjects)::int AS subjects`);
// Every profile read (cards, reports, KYC) runs it: prepared once per connection, and the reads
// that arrive while one is in flight go together (GroupRead). A subject asked for twice in a batch
// gets its rows twice, so no two callers share a parsed fact. LATERAL (kept by OFFSET 0) holds the
// plan to one primary-key lookup per id: a plain join let the planner hash the whole table.
const FACTS_OF = named('register.facts.of', `SELECT q.i, f.kind, f.item_key, f.event_time, f.updated_at, f.facts
   FROM unnest($1::text[]) WITH ORDINALITY AS q(id, i)
   CROSS JOIN LATERAL (SELECT kind, item_key, event_time, updated_at, facts FROM register.facts WHERE subject_id = q.id::bpchar OFFSET 0) f`);

/**
 * What a hit shows (toSubject): not its timestamps, which cost the hub a Date parse each, nor its
 * search keys, which no result shows (a name search's page sent 84 of them for the hub to parse
 * and drop; its field scores compare them in PostgreSQL).
 */
const SUBJECT_FIELDS = ['subject_id', 'id_kind', 'legal_form', 'status', 'name_kk', 'name_ru', 'name_en', 'person_name'];

// The exact-BIN search reads one subject: prepared once per connection, the
// columns a SubjectRow shows (not its timestamps, a Date parse each), and the reads that arrive while
// one is in flight go together (GroupRead): at 20 concurrent searches a round trip each (its
// write and read syscalls) was most of the hub's CPU on the exact-BIN path beside HTTP itself.
const SUBJECTS_OF = named('register.subjects.of', `SELECT q.i, s.* FROM unnest($1::text[]) WITH ORDINALITY AS q(id, i)
   CROSS JOIN LATERAL (SELECT ${SUBJECT_FIELDS.join(', ')}
     FROM register.subjects WHERE subject_id = q.id::bpchar OFFSET 0) s`);

interface FactsOfRow { i: string; kind: PublicFactKind; item_key: string; event_time: Date; updated_at: Date; facts: unknown }

export interface SubjectRow {
  subjectId: string;
  idKind: 'BIN' | 'IIN';
  legalForm: string | null;
  status: string | null;
  nameKk: string | null;
  nameRu: string | null;
  nameEn: string | null;
  personName: string | null;
}

/** A row of SEARCH: SUBJECT_FIELDS, the score, and the field scores (real: pg gives numbers). */
type SearchRow = [string, 'BIN' | 'IIN', string | null, string | null, string | null, string | null, string | null, string | null, number, number, number, number, number];

export interface SearchHit extends SubjectRow { score: number; fieldScores: { kk: number; ru: number; en: number; person: number } }

/** The search row a fact implies, if it names the subject (a registration, or an entrepreneur's tax facts). */
function subjectRow(f: StoredFact): unknown[] | null {
  if (f.kind === 'REGISTRATION') {
    const r = f.facts as RegistrationFacts;
    const k = subjectKeys({ idKind: 'BIN', nameKk: r.nameKk, nameRu: r.nameRu, nameEn: r.nameEn, shortNameRu: r.shortNameRu, personName: null });
    return [f.subjectId, 'BIN', r.legalForm, r.status, r.nameKk, r.nameRu, r.nameEn, null, k.kk, k.ru, k.en, k.person, k.all, f.eventTime.toISOString()];
  }
  if (f.kind === 'TAX_FACTS') {
    const name = (f.facts as TaxPublicFactsDoc).entrepreneurName;
    if (!name) return null;
    const full = [name.surname, name.givenName, name.patronymic].filter(Boolean).join(' ');
    const k = subjectKeys({ idKind: 'IIN', nameKk: null, nameRu: null, nameEn: null, shortNameRu: null, personName: full });
    return [f.subjectId, 'IIN', 'INDIVIDUAL_ENTREPRENEUR', null, null, null, null, full, k.kk, k.ru, k.en, k.person, k.all, f.eventTime.toISOString()];
  }
  return null;
}

@Injectable()
export class RegisterRepository {
  private readonly factsOf: GroupRead<string, FactRow[]>;
  private readonly subjectsOf: GroupRead<string, SubjectRow | null>;

  constructor(@Inject(REGISTER_DATABASE) private readonly database: Database) {
    this.factsOf = new GroupRead((ids) => this.factsOfMany(ids));
    this.subjectsOf = new GroupRead((ids) => this.subjectsOfMany(ids));
  }

  /** Stores facts and their search rows in one transaction; returns how many facts changed. */
  async upsert(facts: readonly StoredFact[]): Promise<number> {
    if (facts.length === 0) return 0;
    const factRows = facts.map((f) => [f.subjectId, f.kind, f.itemKey, f.eventTime.toISOString(), f.storedAt.toISOString(), f.factsJson]);
    const subjects = new Map<string, unknown[]>();
    for (const f of facts) {
      const row = subjectRow(f);
      if (row) subjects.set(f.subjectId, row);
    }
    const params = [...columnLiterals(factRows, FACT_COLUMNS.length), ...columnLiterals([...subjects.values()], SUBJECT_COLUMNS.length)];
    const [row] = await this.database.query<{ changed: number }>(UPSERT, params);
    return row?.changed ?? 0;
  }

  factsFor(id: string): Promise<FactRow[]> {
    return this.factsOf.load(id);
  }

  private async factsOfMany(ids: readonly string[]): Promise<FactRow[][]> {
    const out: FactRow[][] = ids.map(() => []);
    for (const r of await this.database.query<FactsOfRow>(FACTS_OF, [ids])) {
      out[Number(r.i) - 1].push({ kind: r.kind, itemKey: r.item_key, eventTime: r.event_time, updatedAt: r.updated_at, facts: r.facts });
    }
    return out;
  }

  subject(id: string): Promise<SubjectRow | null> {
    return this.subjectsOf.load(id);
  }

  private async subjectsOfMany(ids: readonly string[]): Promise<Array<SubjectRow | null>> {
    const out: Array<SubjectRow | null> = ids.map(() => null);
    for (const r of await this.database.query<Record<string, unknown>>(SUBJECTS_OF, [ids])) out[Number(r.i) - 1] = toSubject(r);
    return out;
  }

  /**
   * Term-level search (BPR §32; the tables in migration register-search-words). Each query word is
   * looked up in the dictionary of distinct words: taken as written when the dictionary holds it,
   * else its neighbours one edit away (the deletion index), else those of trigram similarity >=
   * WORD_LIKENESS; the LIKE_WORDS closest are its like words. The terms are those words and, for two
   * query words, each pair of their like words. A term held by at most SPECIFIC subjects is specific. The chosen terms are the
   * specific terms of the most specific level (pairs before single words); when none is specific (a
   * query of common words alone), the closest terms, whose first holders (SAMPLE) stand in: a
   * bounded sample of equally good matches, not all of them. The holders of the chosen terms are
   * read by the term's primary key, with their skeletons (INCLUDE), and the PRE_RANKED of them (of the legal form asked) that hold the
   * most chosen terms (ties by id) are scored: by the word similarity of the whole query to their skeleton, kept above the
   * threshold, nearest first, ties by id. A word held by thousands ("Trade", "Group") costs a bounded
   * index read, not thousands of scores, and two words of a name together are held by few. The
   * trigram index over whole names this replaces scored every name sharing a word with the query
   * (~1,400 at 200,000 subjects, 0.15 s a query under load).
   * Fetches one row more than a page to say whether more follow.
   */
  async search(key: string, legalForm: string | null, limit: number, offset: number, threshold: number): Promise<{ hits: SearchHit[]; hasMore: boolean }> {
    const words = [...new Set(key.split(' ').filter(Boolean))];
    // One statement, no transaction: `%` reads the session's threshold, which the register's role
    // sets on every connection it opens (Stores.register.settings).
    // Arrays, in SEARCH's column order (SUBJECT_FIELDS, then the scores): pg's row objects copy a
    // dictionary of the column names per row, and with them the hub's side of a name search (pg,
    // the hits, the results and their JSON, one search after another on the bench's database) was
    // ~0.23-0.28 ms of CPU against ~0.18 as arrays.
    const rows = await this.database.queryArrays<SearchRow>(SEARCH, [key, words, legalForm, limit + 1, offset, threshold]);
    const hits: SearchHit[] = [];
    for (let i = 0; i < rows.length && i < limit; i++) {
      const [subjectId, idKind, form, status, nameKk, nameRu, nameEn, personName, score, kk, ru, en, person] = rows[i];
      hits.push({
        subjectId, idKind, legalForm: form, status, nameKk, nameRu, nameEn, personName, score: Number(score),
        fieldScores: { kk: Number(kk), ru: Number(ru), en: Number(en), person: Number(person) },
      });
    }
    return { hits, hasMore: rows.length > limit };
  }
}

/**
 * Trigram similarity of a dictionary word to a query word for it to stand for that word mistyped or
 * transliterated. Also the register role's `pg_trgm.similarity_threshold` (Stores.register.settings),
 * which the index-backed `%` reads; the explicit filter below keeps this figure the rule.
 */
const WORD_LIKENESS = 0.3;
/**
 * Dictionary words taken per query word, closest first (the word itself, then one edit away, then by
 * likeness). 3 found the mistyped subject for 188 of the bench's 200 probes against 185 with 2, for
 * a fifth more PostgreSQL time a search.
 */
const LIKE_WORDS = 2;
/** The deletion index holds words of at least this many letters (register.word_deletions). */
const SHORTEST_EDITED = 4;
/** A term held by at most this many subjects is specific: all its holders are read. */
const SPECIFIC = 500;
/**
 * Candidates scored per search. A score (word_similarity, ~3.5 us) and the row read for it were most
 * of a search's PostgreSQL time: at 1,000,000 subjects the chosen terms' holders were ~700 a query,
 * ~16 ms of PostgreSQL CPU, which at 20 clients on two cores queued for ~170 ms. A subject that
 * holds more of the query's chosen terms shares more of its words. Measured on 200 of the bench's
 * mistyped names (1,000,000 subjects, before its names were made distinct): the typed name was on
 * page 1 as often as when all ~700 were scored (149 of 200), and 159 of the 200 first pages were the
 * same. With 503,750 distinct names and the deletion index: 178 of 200 (search bench).
 */
const PRE_RANKED = 100;
/**
 * Holders read of each closest term when no term is specific and no legal form is asked: a sample of
 * equally good matches, twice the candidates scored, so that the holders of two closest terms can
 * rank above those of one. (SPECIFIC + 1 gave the same first pages on 500 bench queries for 0.3 ms
 * more a search.) With a legal form asked only part of a sample is of it, and SPECIFIC + 1 are read:
 * 200 changed 15 of 200 first pages with legalForm=JSC.
 */
const SAMPLE = 2 * PRE_RANKED;

/**
 * Edits between the query word and a dictionary word that share a deletion entry (v: the query's
 * deletion, wd: the word's; position 0 is none): 0 the same word; 1 one letter inserted, left out
 * or replaced, or two neighbours swapped; otherwise 2 (at most two edits apart).
 */
const EDITS = `CASE WHEN v.pos = 0 AND wd.pos = 0 THEN 0
  WHEN v.pos = 0 OR wd.pos = 0 OR v.pos = wd.pos THEN 1
  WHEN abs(v.pos - wd.pos) = 1 AND substr(q.word, least(v.pos, wd.pos), 2) = reverse(substr(wd.word, least(v.pos, wd.pos), 2)) THEN 1
  ELSE 2 END`;

/**
 * Each name's score on a page (which name matched, search.rules), and the names scored before it. A
 * word similarity costs ~8 us, and a subject's names are often the same skeleton (a Russian name
 * and its Kazakh one folded alike, or a subject with one name): a name that is the whole search key
 * has the page's score, one equal to a name scored before has its score, an empty one 0 (what
 * word_similarity gives it). The scores are the same; on the search bench, whose subjects have one
 * skeleton each, a page no longer scores its names again (84 scores, ~0.4 ms of PostgreSQL CPU).
 */
const FIELD_SCORES: ReadonlyArray<readonly [string, readonly string[]]> = [['kk', []], ['ru', ['kk']], ['en', ['kk', 'ru']], ['person', []]];
const fieldScore = (field: string, earlier: readonly string[]): string => `CASE WHEN s.key_${field} = '' THEN 0 WHEN s.key_${field} = s.search_key THEN p.score
    ${earlier.map((e) => `WHEN s.key_${field} = s.key_${e} THEN ${e}.score `).join('')}ELSE word_similarity($1, s.key_${field}) END`;

// Prepared once per connection (named): its parse and plan were ~0.7 ms of a ~2 ms search.
const SEARCH = named('register.search', `
  WITH like_words AS (
    SELECT q.ord, l.word, l.rank
    FROM unnest($2::text[]) WITH ORDINALITY AS q(word, ord)
    -- A word the dictionary holds is taken as written: its neighbours one edit away are looked up
    -- only for a word it does not hold, as the trigram look-up below runs only for a word with no
    -- neighbour. The look-up of the neighbours of every word (~0.13 ms each) was ~0.2 of ~1.6 ms of
    -- PostgreSQL CPU a search, most of it for the common words of a name ("trade", "altyn"). On the
    -- search bench's kept 1,000,000 subjects: 800 mistyped names, the subject meant on page 1 for 723
    -- against 721 before; 300 names with one word turned into another dictionary word (one edit, so
    -- the word meant is only a neighbour of the word typed), 283 against 284 when it is a common word
    -- and 228 against 229 when it is the name's rare word (its other words still find it).
    CROSS JOIN LATERAL (SELECT EXISTS (SELECT FROM register.search_words d WHERE d.word = q.word) AS held) exact
    -- Dictionary words one edit away, by the deletion index (migration register-search-word-edits).
    -- The look-up is LATERAL with OFFSET 0 so that each variant is read by its key: joined, the
    -- planner hashed the whole index (10 ms a search).
    CROSS JOIN LATERAL (
      SELECT coalesce(array_agg(n.word), '{}') AS words, coalesce(array_agg(n.edits), '{}') AS edits, coalesce(array_agg(n.likeness), '{}') AS likeness,
             count(*) FILTER (WHERE n.edits <= 1) AS close
      FROM (
        SELECT q.word, 0 AS edits, 1::real AS likeness WHERE exact.held
        UNION ALL
        SELECT wd.word, min(${EDITS}) AS edits, similarity(wd.word, q.word) AS likeness
        FROM register.word_deletions(q.word) v CROSS JOIN LATERAL (
          SELECT wd.word, wd.pos FROM register.word_deletes wd WHERE wd.variant = v.variant OFFSET 0) wd
        WHERE NOT exact.held
        GROUP BY wd.word
        UNION ALL
        -- A word one letter short of the index ("sar" for "sarr", "star") is the deletion entry of
        -- the words one letter longer that hold it: one edit, read by key. Before, such a word not in
        -- the dictionary went to the trigram look-up, whose three trigrams matched ~6,500 words
        -- ("sar": 1,682 rechecked, ~12 ms alone, the slowest searches of the bench); on 1,000 of the
        -- bench's mistyped names the subject meant is on page 1 for 896, against 892 before.
        SELECT wd.word, 1, similarity(wd.word, q.word) FROM register.word_deletes wd WHERE NOT exact.held AND length(q.word) = ${SHORTEST_EDITED - 1} AND wd.variant = q.word
      ) n
    ) near
    CROSS JOIN LATERAL (
      -- Dictionary words like the query word: the word itself first, then those one edit away, then
      -- the rest by likeness. The trigram look-up runs only for a word that is neither in the
      -- dictionary nor one edit from a word in it. It ran while fewer than LIKE_WORDS were (so a
      -- mistyped word one edit from the word meant, each of the search bench's probes, took a
      -- second like word by trigrams) and was then half of a name search's PostgreSQL CPU: a short
      -- word's trigrams match thousands of dictionary words ("teh": 1,806 rechecked, ~5 ms). On
      -- the bench's 1,000,000 subjects the word it added was rarely the one meant: with the exact
      -- look-up of short words above, the mistyped subject is on page 1 for 155 of 200 probes
      -- (154 before), and a search takes ~1.3 ms less PostgreSQL CPU.
      SELECT c.word, row_number() OVER (ORDER BY c.edits, c.likeness DESC, c.word) AS rank FROM (
        SELECT u.word, least(min(u.edits), 2) AS edits, max(u.likeness) AS likeness FROM (
          SELECT d.word, 2 AS edits, similarity(d.word, q.word) AS likeness
          FROM register.search_words d WHERE near.close = 0 AND d.word % q.word AND similarity(d.word, q.word) >= ${WORD_LIKENESS}
          UNION ALL
          SELECT * FROM unnest(near.words, near.edits, near.likeness)
        ) u GROUP BY u.word
      ) c ORDER BY c.edits, c.likeness DESC, c.word LIMIT ${LIKE_WORDS}) l
  ), terms AS (
    SELECT DISTINCT ON (term) term, level, rank FROM (
      SELECT word AS term, 1 AS level, rank FROM like_words
      UNION ALL
      SELECT least(a.word, b.word) || ' ' || greatest(a.word, b.word), 2, a.rank + b.rank
      FROM like_words a JOIN like_words b ON a.ord < b.ord AND a.word <> b.word
    ) t ORDER BY term, level DESC, rank
  ), pair_counts AS (
    -- How many hold each term, counted to SPECIFIC + 1 on the term index alone (no row is kept).
    SELECT t.term, t.level, t.rank,
           (SELECT count(*) FROM (SELECT FROM register.subject_words sw WHERE sw.word = t.term LIMIT ${SPECIFIC + 1}) x) AS held_by
    FROM terms t WHERE t.level = 2
  ), counted AS (
    SELECT * FROM pair_counts WHERE held_by > 0
    UNION ALL
    -- Single words only when no pair is specific (a one-time filter: otherwise they are not counted).
    SELECT t.term, t.level, t.rank,
           (SELECT count(*) FROM (SELECT FROM register.subject_words sw WHERE sw.word = t.term LIMIT ${SPECIFIC + 1}) x)
    FROM terms t WHERE t.level = 1 AND NOT EXISTS (SELECT 1 FROM pair_counts WHERE held_by BETWEEN 1 AND ${SPECIFIC})
  ), chosen AS (
    SELECT held_by <= ${SPECIFIC} AS specific, level, rank FROM counted WHERE held_by > 0
    ORDER BY held_by <= ${SPECIFIC} DESC, level DESC, rank LIMIT 1
  ), candidates AS (
    -- The holders come with their skeletons, from the term index itself (INCLUDE; migration
    -- register-search-key-in-terms): reading each candidate's row for it was a third of a search.
    SELECT h.subject_id, min(h.search_key) AS search_key, count(*) AS hits
    FROM counted t JOIN chosen c ON t.held_by > 0 AND t.level = c.level AND CASE WHEN c.specific THEN t.held_by <= ${SPECIFIC} ELSE t.rank = c.rank END
    CROSS JOIN LATERAL (
      SELECT sw.subject_id, sw.search_key FROM register.subject_words sw WHERE sw.word = t.term
      ORDER BY sw.subject_id LIMIT CASE WHEN c.specific OR $3::text IS NOT NULL THEN ${SPECIFIC + 1} ELSE ${SAMPLE} END) h
    GROUP BY h.subject_id ORDER BY hits DESC, h.subject_id
  ), fetched AS MATERIALIZED (
    -- Any legal form: the PRE_RANKED best-ranked candidates, no row read.
    (SELECT c.subject_id, c.search_key FROM candidates c WHERE $3::text IS NULL ORDER BY c.hits DESC, c.subject_id LIMIT ${PRE_RANKED})
    UNION ALL
    -- One legal form: rows read best-ranked first until PRE_RANKED are of it (LATERAL keeps that
    -- order: a join could read them all, then sort).
    (SELECT c.subject_id, c.search_key FROM candidates c CROSS JOIN LATERAL (
      SELECT FROM register.subjects s WHERE s.subject_id = c.subject_id AND s.legal_form = $3) s
    WHERE $3::text IS NOT NULL ORDER BY c.hits DESC, c.subject_id LIMIT ${PRE_RANKED})
  ), page AS (
    -- Each candidate scored once. (Scoring each distinct skeleton once and joining the scores back
    -- by skeleton ran, under the generic plan, as a nested loop of ~100 x ~100 text comparisons:
    -- ~1 ms, more than the ~0.3 ms the namesakes' second scores cost.)
    SELECT f.subject_id, f.score FROM (SELECT subject_id, word_similarity($1, search_key) AS score FROM fetched OFFSET 0) f
    WHERE f.score >= $6 ORDER BY f.score DESC, f.subject_id LIMIT $4 OFFSET $5
  )
  -- Only the page's rows are read, and say which name matched: a score for each name, computed only
  -- for a name not scored already (${FIELD_SCORES.map(([f]) => f).join(', ')}; see FIELD_SCORES).
  SELECT ${SUBJECT_FIELDS.map((c) => `s.${c}`).join(', ')}, p.score, ${FIELD_SCORES.map(([f]) => `${f}.score AS s_${f}`).join(', ')}
  FROM page p JOIN register.subjects s ON s.subject_id = p.subject_id
  ${FIELD_SCORES.map(([f, earlier]) => `CROSS JOIN LATERAL (SELECT ${fieldScore(f, earlier)} AS score) ${f}`).join('\n  ')}
  ORDER BY p.score DESC, s.subject_id`);

function toSubject(r: Record<string, unknown>): SubjectRow {
  return {
    subjectId: r.subject_id as string,
    idKind: r.id_kind as 'BIN' | 'IIN',
    legalForm: r.legal_form as string | null,
    status: r.status as string | null,
    nameKk: r.name_kk as string | null,
    nameRu: r.name_ru as string | null,
    nameEn: r.name_en as string | null,
    personName: r.person_name as string | null,
  };
}
