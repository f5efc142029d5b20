-- Up Migration
-- Search ranks by word similarity and returns one page: a GiST trigram index answers
-- `ORDER BY q <<-> search_key LIMIT n` as a nearest-neighbour scan, without scoring every candidate
-- (with GIN, a query made of common words scored thousands of rows before sorting).
DROP INDEX IF EXISTS register.subjects_search_key_trgm;
CREATE INDEX IF NOT EXISTS subjects_search_key_gist ON register.subjects USING gist (search_key public.gist_trgm_ops(siglen = 256));

-- Down Migration
DROP INDEX IF EXISTS register.subjects_search_key_gist;
CREATE INDEX IF NOT EXISTS subjects_search_key_trgm ON register.subjects USING gin (search_key public.gin_trgm_ops);
