-- Up Migration
-- BPR §24.3 founders (natural persons and legal entities with their shares) and the parent
-- organization of a branch, from the registration schema's second version. Rows stored from the
-- first version know of none.
ALTER TABLE src_justice.legal_entities
  ADD COLUMN IF NOT EXISTS founders            jsonb NOT NULL DEFAULT '[]'::jsonb,
  ADD COLUMN IF NOT EXISTS parent_organization jsonb;

-- Down Migration
ALTER TABLE src_justice.legal_entities DROP COLUMN IF EXISTS parent_organization, DROP COLUMN IF EXISTS founders;
