-- Up Migration
-- Typo tolerance for short words, by edit distance (a deletion index, as SymSpell does it). Trigrams
-- miss a transposed or mistyped letter in a short word: "dobsek" shares 3 of its 7 trigrams with
-- "dosbek" (similarity 0.27, under the 0.3 the dictionary is searched with), and a longer word that
-- shares more ("bazhan" for "baukzhan") wins over the one meant. On the search bench's 1,000,000
-- subjects (names of 2-3 made-up syllables plus common words), 200 names with two letters swapped,
-- every other one written in Cyrillic: the subject meant was on page 1 for 107 of 200 by trigrams
-- alone, 185 of 200 with this index.
--   word_deletions(w)  w itself (position 0) and w with one letter left out (its position), for a
--                      word of 4 to 24 letters (shorter ones would match half the dictionary).
--   word_deletes       every dictionary word under each of its deletions. Two words share an entry
--                      when they are one insertion, deletion, substitution or swap of neighbours
--                      apart (and some at two edits): the query's deletions are looked up by key.
-- ROWS: at most 25 (a word of 24 letters and its 24 deletions), not the planner's default 1,000.
CREATE OR REPLACE FUNCTION register.word_deletions(w text) RETURNS TABLE (variant text, pos int) LANGUAGE sql IMMUTABLE PARALLEL SAFE ROWS 25 AS $$
  SELECT w, 0 WHERE length(w) BETWEEN 4 AND 24
  UNION ALL
  SELECT left(w, i - 1) || substr(w, i + 1), i FROM generate_series(1, length(w)) AS i WHERE length(w) BETWEEN 4 AND 24
$$;

CREATE TABLE IF NOT EXISTS register.word_deletes (
  variant text NOT NULL,
  word    text NOT NULL,
  pos     int  NOT NULL,
  PRIMARY KEY (variant, word, pos)
);

-- Follows the dictionary, which only grows (subject_words_sync inserts its new words): one pass per
-- statement over the words it actually added, sorted so concurrent batches lock keys in one order.
CREATE OR REPLACE FUNCTION register.word_deletes_sync() RETURNS trigger LANGUAGE plpgsql
  SET jit = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
  INSERT INTO register.word_deletes (variant, word, pos)
    SELECT d.variant, n.word, d.pos FROM new_words n CROSS JOIN LATERAL register.word_deletions(n.word) AS d
    ORDER BY 1, 2, 3 ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS search_words_deletes ON register.search_words;
CREATE TRIGGER search_words_deletes AFTER INSERT ON register.search_words REFERENCING NEW TABLE AS new_words
  FOR EACH STATEMENT EXECUTE FUNCTION register.word_deletes_sync();

-- The words already known.
INSERT INTO register.word_deletes (variant, word, pos)
  SELECT d.variant, sw.word, d.pos FROM register.search_words sw CROSS JOIN LATERAL register.word_deletions(sw.word) AS d
  ON CONFLICT DO NOTHING;

GRANT SELECT, INSERT, UPDATE, DELETE ON register.word_deletes TO hub_register;

-- Down Migration
DROP TRIGGER IF EXISTS search_words_deletes ON register.search_words;
DROP FUNCTION IF EXISTS register.word_deletes_sync();
DROP TABLE IF EXISTS register.word_deletes;
DROP FUNCTION IF EXISTS register.word_deletions(text);
