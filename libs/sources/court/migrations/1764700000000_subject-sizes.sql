-- Up Migration
-- Issue 13: large healthy firms sue and get sued more, so a case count grows with size while risk
-- falls with it. The court register does not know a party's size; the statistics perimeter publishes
-- it (size class by headcount, BPR §24.4) on bpr.facts.v1, and this projection keeps it here - the
-- court perimeter never reads the statistics tables. Also the denominator of a size band's case rate:
-- every firm of the band, with cases or without.
CREATE TABLE IF NOT EXISTS src_court.subject_sizes (
  id          char(12)    PRIMARY KEY,
  size_band   text        NOT NULL,
  event_time  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE IF EXISTS src_court.subject_sizes;
