-- Up Migration
-- The register's own read model (ARCHITECTURE: register fed by bpr.facts.v1). Written and read
-- through its own login, hub_register, which has no grant on any src_* schema: the register
-- cannot read a source's store, only what the perimeters published.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hub_register') THEN
    CREATE ROLE hub_register LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;
  END IF;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

-- Trigram search (BPR §32). pg_trgm is a trusted extension; another module may have created it first.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

-- One row per public fact, latest by the source's event time (redelivery and reordering are no-ops).
CREATE TABLE IF NOT EXISTS register.facts (
  subject_id  char(12)    NOT NULL,
  kind        text        NOT NULL,
  item_key    text        NOT NULL,
  event_time  timestamptz NOT NULL,
  stored_at   timestamptz NOT NULL,
  facts       jsonb       NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subject_id, kind, item_key)
);

-- The search index: one row per subject with a name (legal entities from the registration facts,
-- individual entrepreneurs from the tax facts). Keys are transliteration skeletons (search rules).
CREATE TABLE IF NOT EXISTS register.subjects (
  subject_id    char(12)    PRIMARY KEY,
  id_kind       text        NOT NULL,
  legal_form    text,
  status        text,
  name_kk       text,
  name_ru       text,
  name_en       text,
  person_name   text,
  key_kk        text        NOT NULL DEFAULT '',
  key_ru        text        NOT NULL DEFAULT '',
  key_en        text        NOT NULL DEFAULT '',
  key_person    text        NOT NULL DEFAULT '',
  search_key    text        NOT NULL DEFAULT '',
  event_time    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS subjects_search_key_trgm ON register.subjects USING gin (search_key public.gin_trgm_ops);
CREATE INDEX IF NOT EXISTS subjects_legal_form ON register.subjects (legal_form);

GRANT USAGE ON SCHEMA register TO hub_register;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA register TO hub_register;

-- Down Migration
DROP TABLE IF EXISTS register.subjects;
DROP TABLE IF EXISTS register.facts;
