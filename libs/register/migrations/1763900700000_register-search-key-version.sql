-- Up Migration
-- Which version of the search skeleton (search-key.ts, SEARCH_KEY_VERSION) the stored keys of
-- register.subjects were made by. The skeleton is computed by the hub, not by PostgreSQL, so a
-- change to its folds leaves every stored key as the old version made it: a Latin query folded the
-- new way would miss a Cyrillic name keyed the old way. SearchKeyRefresh rewrites the keys of
-- every subject in subject-id order (rekeyed_through: the last one done, so a restart resumes) and
-- then records the version. One row; its row lock is what lets one hub instance at a time work a batch.
CREATE TABLE register.search_key_state (
  one             boolean PRIMARY KEY DEFAULT true CHECK (one),
  version         integer NOT NULL,
  rekeyed_through text    NOT NULL DEFAULT ''
);
-- Every key stored before this migration was made by version 1.
INSERT INTO register.search_key_state (version) VALUES (1);
GRANT SELECT, UPDATE ON register.search_key_state TO hub_register;

-- Down Migration
DROP TABLE IF EXISTS register.search_key_state;
