-- Up Migration
-- Each term's holders carry their skeleton (issue 12: search p99 at 1,000,000 subjects). A name search
-- read the skeletons of its ~100 best candidates from register.subjects, one primary-key look-up
-- each (the btree descent and the heap row, ~6.6 us): ~0.66 of its ~2.0 ms of PostgreSQL CPU, the
-- largest step. The term index now holds the skeleton as an INCLUDE column (not part of the key), so
-- the index-only scan that reads a term's holders also returns what scores them. Measured on the
-- search bench's kept 1,000,000-subject database, 800 of its mistyped names one after another,
-- interleaved with the old statement on freshly built tables: 2.31 -> 1.61 ms of PostgreSQL CPU a
-- search, every first page the same. The index grows from 256 to 385 MB (freshly built), and every
-- term row written carries the skeleton (~19 bytes at the bench's names).
-- No term keeps an old skeleton: a subject inserted writes its terms with its skeleton, and a
-- renamed one has all its old terms deleted and its new ones written (subject_words_update), those it
-- keeps included. A conflict (none is expected) takes the new skeleton rather than keeping a stale one.
CREATE TABLE register.subject_words_next (
  word       text     NOT NULL,
  subject_id char(12) NOT NULL,
  search_key text     NOT NULL
);
INSERT INTO register.subject_words_next (word, subject_id, search_key)
  SELECT sw.word, sw.subject_id, s.search_key FROM register.subject_words sw JOIN register.subjects s ON s.subject_id = sw.subject_id
  ORDER BY 1, 2;
DROP TABLE register.subject_words;
ALTER TABLE register.subject_words_next RENAME TO subject_words;
ALTER TABLE register.subject_words ADD CONSTRAINT subject_words_pkey PRIMARY KEY (word, subject_id) INCLUDE (search_key);
-- (The register's role is granted the new table by grantStores after migrating.)
-- Statistics now: the search statement's plan is made for them (no VACUUM in a migration's
-- transaction; autovacuum sets the visibility map the index-only scans need after the inserts).
ANALYZE register.subject_words;

-- Inserts and deletes (the update branch is subject_words_update's since register-search-words-plans).
CREATE OR REPLACE FUNCTION register.subject_words_sync() RETURNS trigger LANGUAGE plpgsql
  SET jit = off SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO register.search_words (word)
      SELECT DISTINCT t.term FROM new_rows n CROSS JOIN LATERAL register.search_terms(n.search_key) AS t(term)
      WHERE position(' ' IN t.term) = 0 ORDER BY 1 ON CONFLICT DO NOTHING;
    INSERT INTO register.subject_words (word, subject_id, search_key)
      SELECT DISTINCT t.term, n.subject_id, n.search_key FROM new_rows n CROSS JOIN LATERAL register.search_terms(n.search_key) AS t(term)
      ORDER BY 1, 2 ON CONFLICT (word, subject_id) DO UPDATE SET search_key = excluded.search_key;
  ELSE
    DELETE FROM register.subject_words sw
      USING old_rows o CROSS JOIN LATERAL register.search_terms(o.search_key) AS t(term)
      WHERE sw.word = t.term AND sw.subject_id = o.subject_id;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION register.subject_words_update() RETURNS trigger LANGUAGE plpgsql
  SET jit = off SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off AS $$
BEGIN
  -- Most updates (a status, a newer event) keep the name: only the rows whose key changed count.
  DELETE FROM register.subject_words sw
    USING (SELECT subject_id, search_key FROM old_rows EXCEPT SELECT subject_id, search_key FROM new_rows) o
    CROSS JOIN LATERAL register.search_terms(o.search_key) AS t(term)
    WHERE sw.word = t.term AND sw.subject_id = o.subject_id;
  WITH renamed AS (SELECT subject_id, search_key FROM new_rows EXCEPT SELECT subject_id, search_key FROM old_rows),
  terms AS MATERIALIZED (SELECT DISTINCT t.term, n.subject_id, n.search_key FROM renamed n CROSS JOIN LATERAL register.search_terms(n.search_key) AS t(term)),
  words AS (INSERT INTO register.search_words (word) SELECT DISTINCT term FROM terms WHERE position(' ' IN term) = 0 ORDER BY 1 ON CONFLICT DO NOTHING)
  INSERT INTO register.subject_words (word, subject_id, search_key) SELECT term, subject_id, search_key FROM terms ORDER BY 1, 2
    ON CONFLICT (word, subject_id) DO UPDATE SET search_key = excluded.search_key;
  RETURN NULL;
END $$;

-- Down Migration
CREATE OR REPLACE FUNCTION register.subject_words_update() RETURNS trigger LANGUAGE plpgsql
  SET jit = off SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off AS $$
BEGIN
  DELETE FROM register.subject_words sw
    USING (SELECT subject_id, search_key FROM old_rows EXCEPT SELECT subject_id, search_key FROM new_rows) o
    CROSS JOIN LATERAL register.search_terms(o.search_key) AS t(term)
    WHERE sw.word = t.term AND sw.subject_id = o.subject_id;
  WITH renamed AS (SELECT subject_id, search_key FROM new_rows EXCEPT SELECT subject_id, search_key FROM old_rows),
  terms AS MATERIALIZED (SELECT DISTINCT t.term, n.subject_id FROM renamed n CROSS JOIN LATERAL register.search_terms(n.search_key) AS t(term)),
  words AS (INSERT INTO register.search_words (word) SELECT DISTINCT term FROM terms WHERE position(' ' IN term) = 0 ORDER BY 1 ON CONFLICT DO NOTHING)
  INSERT INTO register.subject_words (word, subject_id) SELECT term, subject_id FROM terms ORDER BY 1, 2 ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION register.subject_words_sync() RETURNS trigger LANGUAGE plpgsql
  SET jit = off SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO register.search_words (word)
      SELECT DISTINCT t.term FROM new_rows n CROSS JOIN LATERAL register.search_terms(n.search_key) AS t(term)
      WHERE position(' ' IN t.term) = 0 ORDER BY 1 ON CONFLICT DO NOTHING;
    INSERT INTO register.subject_words (word, subject_id)
      SELECT DISTINCT t.term, n.subject_id FROM new_rows n CROSS JOIN LATERAL register.search_terms(n.search_key) AS t(term)
      ORDER BY 1, 2 ON CONFLICT DO NOTHING;
  ELSE
    DELETE FROM register.subject_words sw
      USING old_rows o CROSS JOIN LATERAL register.search_terms(o.search_key) AS t(term)
      WHERE sw.word = t.term AND sw.subject_id = o.subject_id;
  END IF;
  RETURN NULL;
END $$;
ALTER TABLE register.subject_words DROP CONSTRAINT subject_words_pkey;
ALTER TABLE register.subject_words DROP COLUMN search_key;
ALTER TABLE register.subject_words ADD CONSTRAINT subject_words_pkey PRIMARY KEY (word, subject_id);
