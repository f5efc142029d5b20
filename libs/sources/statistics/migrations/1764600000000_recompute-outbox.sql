-- Up Migration
-- Ids whose stored rows changed and whose preliminary indexes are not yet recomputed. Written by
-- the feed upsert in the same statement (so a crash loses none), drained by RecomputeOutbox.
CREATE TABLE IF NOT EXISTS src_stat.recompute_outbox (
  id         text        PRIMARY KEY,
  queued_at  timestamptz NOT NULL DEFAULT now()
);
-- Oldest first (the delay bound), and min/max for the drain decision.
CREATE INDEX IF NOT EXISTS recompute_outbox_queued_at ON src_stat.recompute_outbox (queued_at);

-- Down Migration
DROP TABLE IF EXISTS src_stat.recompute_outbox;
