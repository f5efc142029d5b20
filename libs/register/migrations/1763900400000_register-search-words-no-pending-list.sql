-- Up Migration
-- The dictionary's trigram index takes new words straight into its tree, not into a GIN pending
-- list. With the list (the default, fastupdate), every word the register learned waited there until
-- a vacuum, and every search scanned the whole list: 5,477 listed words (105 pages) took a name
-- search from 2 to 17 ms of PostgreSQL CPU at 1,000,000 subjects, and the planner, costing the list,
-- turned to reading all the dictionary. New words are few (a dictionary of distinct words), so the
-- slower insert is cheap; a search must not depend on when autovacuum last came by.
ALTER INDEX register.search_words_trgm SET (fastupdate = off);
SELECT gin_clean_pending_list('register.search_words_trgm'::regclass);

-- Down Migration
ALTER INDEX register.search_words_trgm RESET (fastupdate);
