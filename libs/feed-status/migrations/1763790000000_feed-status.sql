-- Up Migration
-- Participants of the information exchange (BPR §9): owners of the source systems and the NCE.
-- A notice from an unknown participant is dead-lettered; registering it and replaying fixes that.
CREATE TABLE IF NOT EXISTS src_feed_status.participants (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO src_feed_status.participants (code, name) VALUES
  ('KGD', 'State Revenue Committee of the Ministry of Finance (tax authority)'),
  ('MOJ', 'Ministry of Justice (state registration of legal entities)'),
  ('BNS', 'Bureau of National Statistics'),
  ('SUPREME_COURT', 'Supreme Court'),
  ('ENM', 'Entities of natural monopolies (utilities)'),
  ('NCE', 'National Chamber of Entrepreneurs (business partners register)')
ON CONFLICT (code) DO NOTHING;

-- Planned interruption notices, one row per (participant, notice id), latest version by event time.
CREATE TABLE IF NOT EXISTS src_feed_status.interruptions (
  participant       text        NOT NULL,
  notice_id         text        NOT NULL,
  affected_source   text        NOT NULL,
  affected_feed     text,
  planned_start     timestamptz NOT NULL,
  planned_end       timestamptz NOT NULL,
  announced_at      timestamptz NOT NULL,
  cancelled         boolean     NOT NULL,
  reason            text        NOT NULL,
  late_notice       boolean     NOT NULL,
  event_time        timestamptz NOT NULL,
  source_topic      text        NOT NULL,
  source_partition  int         NOT NULL,
  source_offset     bigint      NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (participant, notice_id)
);
CREATE INDEX IF NOT EXISTS interruptions_window ON src_feed_status.interruptions (affected_source, planned_end);

-- What the hub last saw arrive on each feed topic (observed from the broker, not from the stores).
CREATE TABLE IF NOT EXISTS src_feed_status.feed_activity (
  topic            text PRIMARY KEY,
  source           text        NOT NULL,
  end_offset_sum   bigint      NOT NULL,
  last_record_at   timestamptz,
  observed_at      timestamptz NOT NULL
);

-- Down Migration
DROP TABLE IF EXISTS src_feed_status.feed_activity;
DROP TABLE IF EXISTS src_feed_status.interruptions;
DROP TABLE IF EXISTS src_feed_status.participants;
