-- Up Migration
-- BPR §9: lateness is judged by when a notice arrived, not by the time its sender declares;
-- the declared time stays in announced_at. Rows stored earlier have no arrival time (NULL).
ALTER TABLE src_feed_status.interruptions ADD COLUMN IF NOT EXISTS received_at timestamptz;

-- Down Migration
ALTER TABLE src_feed_status.interruptions DROP COLUMN IF EXISTS received_at;
