-- Up Migration
-- Signed counterparty reports (BPR §28) as issued, byte for byte, so they can be downloaded again
-- and so /api/v1/reports/verify can tell a report the hub issued from any other signed document.
CREATE TABLE IF NOT EXISTS reports (
  id                 uuid        PRIMARY KEY,
  subject_id         char(12)    NOT NULL,
  requested_by_iin   char(12)    NOT NULL,
  requested_by_bin   char(12),
  requested_by_role  text,
  issued_at          timestamptz NOT NULL,
  verification_code  text        NOT NULL,
  document_sha256    text        NOT NULL CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
  document           text        NOT NULL,
  -- what the rendering is made from (the same facts the signed XML carries)
  content            jsonb       NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_by_requester ON reports (requested_by_iin, issued_at DESC);
