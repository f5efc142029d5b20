-- Up Migration
-- Investment projects (NDIP one-stop-shop): state + history. The pure lifecycle decides; these
-- tables keep its result. Written only by the projects module; other domains reach it via topics.

-- One row per project: the folded state (jsonb) and the columns the monitoring reads set-based.
CREATE TABLE IF NOT EXISTS projects.project (
  project_id    text        PRIMARY KEY,
  version       int         NOT NULL,
  module        text,
  stage         text,
  region_kato   text,
  company_bin   char(12),
  pool          text,
  state         jsonb       NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS project_company_bin ON projects.project (company_bin) WHERE company_bin IS NOT NULL;

-- History: every status event, with its paragraph. seq orders publishing (the outbox): a project's
-- events are published in version order, keyed by project id.
CREATE TABLE IF NOT EXISTS projects.event (
  seq           bigserial   PRIMARY KEY,
  event_id      uuid        NOT NULL UNIQUE,
  project_id    text        NOT NULL,
  version       int         NOT NULL,
  type          text        NOT NULL,
  paragraph     text        NOT NULL,
  effective_on  date        NOT NULL,
  caused_by     text        NOT NULL,
  data          jsonb       NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz,
  UNIQUE (project_id, version)
);
CREATE INDEX IF NOT EXISTS event_unpublished ON projects.event (seq) WHERE published_at IS NULL;

-- Inbound facts already taken (applied or refused): a redelivered fact changes nothing.
CREATE TABLE IF NOT EXISTS projects.applied_fact (
  fact_id       text        PRIMARY KEY,
  project_id    text        NOT NULL,
  fact_type     text        NOT NULL,
  outcome       text        NOT NULL CHECK (outcome IN ('APPLIED', 'REFUSED')),
  code          text,
  reason        text,
  source        text        NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now()
);

-- Roadmap tasks, flat, for the daily color tick and the region ranking (NDIP §55, §56).
CREATE TABLE IF NOT EXISTS projects.task (
  project_id    text        NOT NULL,
  task_id       text        NOT NULL,
  region_kato   text        NOT NULL,
  stage         smallint    NOT NULL,
  due_on        date        NOT NULL,
  completed_on  date,
  color         text,
  PRIMARY KEY (project_id, task_id)
);
CREATE INDEX IF NOT EXISTS task_open_due ON projects.task (due_on) WHERE completed_on IS NULL;

-- Open deadlines, flat, so the tick finds the expiring ones without reading every state.
CREATE TABLE IF NOT EXISTS projects.deadline (
  project_id    text        NOT NULL,
  kind          text        NOT NULL,
  due_on        date        NOT NULL,
  PRIMARY KEY (project_id, kind)
);
CREATE INDEX IF NOT EXISTS deadline_due ON projects.deadline (due_on);

-- NDIP §33 grounds seen in the hub's own feeds, by BIN, kept even before the project exists.
CREATE TABLE IF NOT EXISTS projects.ground_evidence (
  evidence_id   text        PRIMARY KEY,
  bin           char(12)    NOT NULL,
  ground        text        NOT NULL,
  topic         text        NOT NULL,
  source_partition int,
  source_offset bigint,
  record        text        NOT NULL,
  record_date   date        NOT NULL,
  detail        text        NOT NULL,
  observed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ground_evidence_bin ON projects.ground_evidence (bin);

-- Last day the tick ran: start-up catch-up runs every day missed (one row).
CREATE TABLE IF NOT EXISTS projects.tick_log (
  tick_on       date        PRIMARY KEY,
  events        int         NOT NULL,
  finished_at   timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE IF EXISTS projects.tick_log;
DROP TABLE IF EXISTS projects.ground_evidence;
DROP TABLE IF EXISTS projects.deadline;
DROP TABLE IF EXISTS projects.task;
DROP TABLE IF EXISTS projects.applied_fact;
DROP TABLE IF EXISTS projects.event;
DROP TABLE IF EXISTS projects.project;
