-- Up Migration
-- Preliminary indexes as the perimeters sent them (BPR §17), append-only: a newer value is a new
-- row, never an update, so any past moment can be re-scored from what was known then.
CREATE TABLE IF NOT EXISTS scoring.preliminary_indexes (
  seq                bigserial   NOT NULL,
  subject_id         char(12)    NOT NULL,
  source             text        NOT NULL,
  index_kind         text        NOT NULL,
  algorithm_version  text        NOT NULL,
  computed_at        timestamptz NOT NULL,
  risk_value         double precision NOT NULL,
  category           text        NOT NULL,
  algorithm          text        NOT NULL,
  window_from        date        NOT NULL,
  window_to          date        NOT NULL,
  factors            jsonb       NOT NULL,
  -- When the hub learned the value: an as-of answer uses only what had arrived by then.
  received_at        timestamptz NOT NULL DEFAULT now(),
  source_topic       text        NOT NULL,
  source_partition   int         NOT NULL,
  source_offset      bigint      NOT NULL,
  -- Redelivery of the same value is a no-op.
  PRIMARY KEY (subject_id, source, index_kind, algorithm_version, computed_at)
);
-- "Latest per source and kind as of T" for one subject, and keyset walks over all subjects.
CREATE INDEX IF NOT EXISTS preliminary_indexes_latest
  ON scoring.preliminary_indexes (subject_id, source, index_kind, computed_at DESC);

-- Every answer shown to a user, exactly as shown (BPR §13): a past answer can be compared with a
-- reproduction "as of" its moment.
CREATE TABLE IF NOT EXISTS scoring.score_checks (
  id           bigserial   PRIMARY KEY,
  subject_id   char(12)    NOT NULL,
  shown_at     timestamptz NOT NULL DEFAULT now(),
  as_of        timestamptz,
  cache_hit    boolean     NOT NULL,
  answer       jsonb       NOT NULL
);
CREATE INDEX IF NOT EXISTS score_checks_subject ON scoring.score_checks (subject_id, shown_at);

-- The result of the last full re-score (tools/rescore-all.ts), one row per subject.
CREATE TABLE IF NOT EXISTS scoring.final_scores (
  subject_id   char(12)    PRIMARY KEY,
  computed_at  timestamptz NOT NULL,
  input_seq    bigint      NOT NULL,
  algorithms   text        NOT NULL,
  indexes      jsonb       NOT NULL
);

-- Down Migration
DROP TABLE IF EXISTS scoring.final_scores;
DROP TABLE IF EXISTS scoring.score_checks;
DROP TABLE IF EXISTS scoring.preliminary_indexes;
