-- Up Migration
-- Depersonalized samples (BPR §21): the tax authority draws a random list of taxpayers and gives
-- each a random sample id. The mapping subject -> sample id is what re-identifies a sample, so, like
-- the financials, it is readable by hub_tax alone; sources receive the list, the NCE only sample ids.
CREATE TABLE IF NOT EXISTS src_tax.sample_subjects (
  sample_name  text        NOT NULL,
  sample_id    uuid        NOT NULL UNIQUE,
  subject_id   char(12)    NOT NULL,
  drawn_at     timestamptz NOT NULL,
  PRIMARY KEY (sample_name, subject_id)
);

REVOKE ALL ON src_tax.sample_subjects FROM PUBLIC;
-- No UPDATE: a drawn sample is never re-keyed; it is withdrawn (DELETE) and drawn afresh.
GRANT SELECT, INSERT, DELETE ON src_tax.sample_subjects TO hub_tax;

-- Down Migration
DROP TABLE IF EXISTS src_tax.sample_subjects;
