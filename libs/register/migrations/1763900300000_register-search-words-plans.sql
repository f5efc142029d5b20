-- Up Migration
-- The term-index triggers (migration register-search-words) cost the register most of its PostgreSQL
-- time under a feed load: at 1,000,000 records the register's backends used 70 CPU s against 28 for
-- the tax perimeter's, and the projection lag grew to ~100 s (p99). Two causes, both in how the
-- trigger's statements were planned:
--   * search_terms() is inlined with the planner's default row counts (1,000 per regexp split), so
--     each statement was costed in the millions and JIT-compiled: ~150-270 ms of LLVM a statement,
--     two or three statements on every upsert batch that touched a subject.
--   * PL/pgSQL keeps each statement's plan for the session, made for the transition tables it first
--     saw (often none updated: an estimate of 1 row). The UPDATE branch joined old_rows to new_rows,
--     and that plan was a nested loop: quadratic in the batch (500 rows: 250,000 comparisons for
--     each of three statements, ~1 s; 5,000 rows: ~100 s).
-- Now updates have a function of their own that finds the changed rows by EXCEPT (a set operation,
-- not a join), and inside both functions JIT is off and so are hash joins, merge joins and
-- sequential scans: the only joins left are to subject_words by its primary key, which a nested
-- loop over that index does in time linear in the terms touched, whatever the estimates. (With hash
-- joins allowed, a plan made for 500 deleted rows hashed all 6,000,000 terms: 2.2 s; with
-- sequential scans allowed, a plan made while subject_words was small scanned it once per term.)
CREATE OR REPLACE FUNCTION register.subject_words_update() RETURNS trigger LANGUAGE plpgsql
  SET jit = off SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off AS $$
BEGIN
  -- Most updates (a status, a newer event) keep the name: only the rows whose key changed count.
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
-- Inserts and deletes keep their branches of subject_words_sync (no join of transition tables).
ALTER FUNCTION register.subject_words_sync() SET jit = off SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off;
DROP TRIGGER IF EXISTS subjects_words_update ON register.subjects;
CREATE TRIGGER subjects_words_update AFTER UPDATE ON register.subjects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION register.subject_words_update();

-- Down Migration
DROP TRIGGER IF EXISTS subjects_words_update ON register.subjects;
CREATE TRIGGER subjects_words_update AFTER UPDATE ON register.subjects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION register.subject_words_sync();
ALTER FUNCTION register.subject_words_sync() RESET ALL;
DROP FUNCTION IF EXISTS register.subject_words_update();
