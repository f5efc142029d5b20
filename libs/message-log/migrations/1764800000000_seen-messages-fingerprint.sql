-- Up Migration
-- The SHA-256 of the document a (sender, message id) was first seen with. The very same signed
-- document arriving again (a Kafka redelivery at a new offset after a crash, a client resending
-- the same bytes) is the same message, not a replay: a caller that answers idempotently may accept
-- it; a different document under a live (sender, message id) is still refused. Null for rows
-- written by callers that do not pass a fingerprint (the SOAP door): those never match.
ALTER TABLE seen_messages ADD COLUMN IF NOT EXISTS request_sha256 bytea;

-- Down Migration
ALTER TABLE seen_messages DROP COLUMN IF EXISTS request_sha256;
