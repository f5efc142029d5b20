-- Up Migration
-- Issue 13 item 2: the registration address normalised to one key per building
-- (registration-address.rules.ts), written by the feed upsert, so the perimeter can count the live
-- firms registered at an address in one set-based query. Rows stored before are keyed by the
-- module's backfill at start (the normalisation lives in TypeScript, not here).
ALTER TABLE src_justice.legal_entities ADD COLUMN IF NOT EXISTS address_key text;
-- The count of live firms at a key, and the firms to recompute when it changes, are read from the
-- index alone (status included); the backfill finds the rows not yet keyed.
CREATE INDEX IF NOT EXISTS legal_entities_address_key ON src_justice.legal_entities (address_key) INCLUDE (status);
CREATE INDEX IF NOT EXISTS legal_entities_unkeyed ON src_justice.legal_entities (bin) WHERE address_key IS NULL;

-- Down Migration
DROP INDEX IF EXISTS src_justice.legal_entities_unkeyed;
DROP INDEX IF EXISTS src_justice.legal_entities_address_key;
ALTER TABLE src_justice.legal_entities DROP COLUMN IF EXISTS address_key;
