-- Up Migration
-- The court perimeter's own store: one row per case number and business party, latest state by
-- the court system's event time (a later act in the same case replaces the earlier one).
CREATE TABLE IF NOT EXISTS src_court.civil_cases (
  party_id            char(12)    NOT NULL,
  case_number         text        NOT NULL,
  party_role          text        NOT NULL,
  instance            text        NOT NULL,
  region              text        NOT NULL,
  region_kato         char(9),
  court               text        NOT NULL,
  proceeding_kind     text        NOT NULL,
  case_category       text,
  case_registered_on  date,
  act_date            date        NOT NULL,
  act_type            text        NOT NULL,
  act_text            text        NOT NULL,
  outcome             text,
  claim_amount_tiyn   bigint,
  event_time          timestamptz NOT NULL,
  source_topic        text        NOT NULL,
  source_partition    int         NOT NULL,
  source_offset       bigint      NOT NULL,
  updated_at          timestamptz NOT NULL DEFAULT now(),
  -- party_id first: the profile reads every case of one party.
  PRIMARY KEY (party_id, case_number)
);

-- Down Migration
DROP TABLE IF EXISTS src_court.civil_cases;
