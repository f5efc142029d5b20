-- Up Migration
-- Term-level search index (BPR §32). A trigram index over whole names had to score every name that
-- shares a common word with the query ("Trade", "Group": tens of thousands of names) before it could
-- rank them: 0.15 s a query at 200,000 subjects (~1,400 names scored), seconds at 1,000,000 under load.
-- Instead:
--   search_words   every distinct word of every skeleton, with a trigram index (small: distinct words);
--   subject_words  which subjects hold a term - a word, or two words of one name (sorted, one space
--                  between) - read by its primary key (term first) a bounded prefix at a time. Two
--                  common words together ("Altyn ... Trade") are held by few names: a pair narrows
--                  the candidates without scanning either word's holders.
-- RegisterRepository.search finds the dictionary words like the query's, reads the holders of the
-- most specific terms only, and scores just those.
CREATE TABLE IF NOT EXISTS register.search_words (
  word text PRIMARY KEY
);
CREATE INDEX IF NOT EXISTS search_words_trgm ON register.search_words USING gin (word public.gin_trgm_ops);

CREATE TABLE IF NOT EXISTS register.subject_words (
  word       text     NOT NULL,
  subject_id char(12) NOT NULL,
  PRIMARY KEY (word, subject_id)
);

-- The terms of a skeleton ("kk key | ru key | en key"): its words, and each two words of one name.
CREATE OR REPLACE FUNCTION register.search_terms(search_key text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH names AS (
    SELECT array_remove(regexp_split_to_array(trim(part), ' +'), '') AS words FROM regexp_split_to_table(search_key, '\|') AS part
  )
  SELECT DISTINCT term FROM (
    SELECT w AS term FROM names, unnest(words) AS w
    UNION ALL
    SELECT least(a, b) || ' ' || greatest(a, b) FROM names, unnest(words) WITH ORDINALITY AS x(a, i), unnest(words) WITH ORDINALITY AS y(b, j)
    WHERE i < j AND a <> b
  ) t
$$;

-- Kept by triggers rather than by the repository: the terms follow search_key whoever writes it (the
-- fact upsert, a backfill, the search bench's seed). Statement-level with transition tables: one
-- set-based pass per upsert batch, and only rows whose search_key changed are touched. Inserts are
-- sorted so that concurrent batches lock new keys in one order (no deadlock).
CREATE OR REPLACE FUNCTION register.subject_words_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- One branch per operation: a statement may name only the transition tables its trigger has.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO register.search_words (word)
      SELECT DISTINCT t.term FROM new_rows n CROSS JOIN LATERAL register.search_terms(n.search_key) AS t(term)
      WHERE position(' ' IN t.term) = 0 ORDER BY 1 ON CONFLICT DO NOTHING;
    INSERT INTO register.subject_words (word, subject_id)
      SELECT DISTINCT t.term, n.subject_id FROM new_rows n CROSS JOIN LATERAL register.search_terms(n.search_key) AS t(term)
      ORDER BY 1, 2 ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Most updates (a status, a newer event) keep the name: only changed keys are rewritten.
    DELETE FROM register.subject_words sw
      USING old_rows o JOIN new_rows n ON n.subject_id = o.subject_id AND n.search_key <> o.search_key
      CROSS JOIN LATERAL register.search_terms(o.search_key) AS t(term)
      WHERE sw.word = t.term AND sw.subject_id = o.subject_id;
    INSERT INTO register.search_words (word)
      SELECT DISTINCT t.term FROM new_rows n JOIN old_rows o ON o.subject_id = n.subject_id AND n.search_key <> o.search_key
      CROSS JOIN LATERAL register.search_terms(n.search_key) AS t(term)
      WHERE position(' ' IN t.term) = 0 ORDER BY 1 ON CONFLICT DO NOTHING;
    INSERT INTO register.subject_words (word, subject_id)
      SELECT DISTINCT t.term, n.subject_id FROM new_rows n JOIN old_rows o ON o.subject_id = n.subject_id AND n.search_key <> o.search_key
      CROSS JOIN LATERAL register.search_terms(n.search_key) AS t(term)
      ORDER BY 1, 2 ON CONFLICT DO NOTHING;
  ELSE
    DELETE FROM register.subject_words sw
      USING old_rows o CROSS JOIN LATERAL register.search_terms(o.search_key) AS t(term)
      WHERE sw.word = t.term AND sw.subject_id = o.subject_id;
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS subjects_words_insert ON register.subjects;
DROP TRIGGER IF EXISTS subjects_words_update ON register.subjects;
DROP TRIGGER IF EXISTS subjects_words_delete ON register.subjects;
CREATE TRIGGER subjects_words_insert AFTER INSERT ON register.subjects REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION register.subject_words_sync();
CREATE TRIGGER subjects_words_update AFTER UPDATE ON register.subjects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION register.subject_words_sync();
CREATE TRIGGER subjects_words_delete AFTER DELETE ON register.subjects REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION register.subject_words_sync();

-- The subjects already stored.
INSERT INTO register.search_words (word)
  SELECT DISTINCT t.term FROM register.subjects s CROSS JOIN LATERAL register.search_terms(s.search_key) AS t(term)
  WHERE position(' ' IN t.term) = 0 ON CONFLICT DO NOTHING;
INSERT INTO register.subject_words (word, subject_id)
  SELECT DISTINCT t.term, s.subject_id FROM register.subjects s CROSS JOIN LATERAL register.search_terms(s.search_key) AS t(term)
  ON CONFLICT DO NOTHING;

-- Search no longer reads these; each was one more index for every subject upsert to maintain.
DROP INDEX IF EXISTS register.subjects_search_key_trgm;
DROP INDEX IF EXISTS register.subjects_legal_form;

GRANT SELECT, INSERT, UPDATE, DELETE ON register.search_words, register.subject_words TO hub_register;

-- Down Migration
DROP TRIGGER IF EXISTS subjects_words_insert ON register.subjects;
DROP TRIGGER IF EXISTS subjects_words_update ON register.subjects;
DROP TRIGGER IF EXISTS subjects_words_delete ON register.subjects;
DROP FUNCTION IF EXISTS register.subject_words_sync();
DROP FUNCTION IF EXISTS register.search_terms(text);
DROP TABLE IF EXISTS register.subject_words;
DROP TABLE IF EXISTS register.search_words;
CREATE INDEX IF NOT EXISTS subjects_search_key_trgm ON register.subjects USING gin (search_key public.gin_trgm_ops);
CREATE INDEX IF NOT EXISTS subjects_legal_form ON register.subjects (legal_form);
