-- Up Migration
-- The justice perimeter's own store: one row per BIN, latest state by the registry's event time.
CREATE TABLE IF NOT EXISTS src_justice.legal_entities (
  bin                        char(12) PRIMARY KEY,
  status                     text        NOT NULL,
  registration_authority     text        NOT NULL,
  initial_registration_date  date        NOT NULL,
  last_reregistration_date   date,
  name_kk                    text        NOT NULL,
  name_ru                    text        NOT NULL,
  name_en                    text,
  short_name_ru              text,
  legal_form                 text        NOT NULL,
  head_full_name             text,
  head_position              text,
  oked_primary               char(5)     NOT NULL,
  kato_code                  char(9)     NOT NULL,
  address                    text        NOT NULL,
  event_time                 timestamptz NOT NULL,
  source_topic               text        NOT NULL,
  source_partition           int         NOT NULL,
  source_offset              bigint      NOT NULL,
  updated_at                 timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE IF EXISTS src_justice.legal_entities;
