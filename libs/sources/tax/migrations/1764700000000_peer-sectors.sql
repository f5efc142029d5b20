-- Up Migration
-- Issue 13 item 1: the OKED section of each subject, as the registration and statistics perimeters
-- published it on bpr.facts.v1 (public facts, BPR §24.3, §24.4): the tax perimeter compares a
-- taxpayer's confidential ratios with its sector's, and learns the sector from that topic, never
-- from another perimeter's tables. One row per subject and publishing kind; statistics wins.
CREATE TABLE IF NOT EXISTS src_tax.peer_sectors (
  id            char(12)    NOT NULL,
  kind          text        NOT NULL,
  oked_section  text        NOT NULL,
  event_time    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, kind)
);

-- Down Migration
DROP TABLE IF EXISTS src_tax.peer_sectors;
