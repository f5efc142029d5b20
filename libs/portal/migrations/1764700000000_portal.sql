-- Up Migration
-- Names are unqualified: node-pg-migrate sets search_path to the set's schema (portal).

-- One-time login challenges (e-Gov style EDS login). Shared by every hub instance: the challenge
-- issued by one instance is consumed by whichever instance receives the signed answer, once.
CREATE TABLE IF NOT EXISTS challenges (
  nonce       text        PRIMARY KEY,
  issued_at   timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS challenges_expires_at ON challenges (expires_at);

-- Sessions opened by an EDS login. The cookie carries a random token; only its SHA-256 is stored,
-- so a database read gives nobody a usable session.
CREATE TABLE IF NOT EXISTS sessions (
  token_sha256   bytea       PRIMARY KEY,
  subject_type   text        NOT NULL CHECK (subject_type IN ('individual', 'organisation')),
  iin            char(12)    NOT NULL,
  bin            char(12),
  roles          text[]      NOT NULL DEFAULT '{}',
  common_name    text,
  organisation   text,
  cert_serial    text        NOT NULL,
  created_at     timestamptz NOT NULL,
  last_seen_at   timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_expires_at ON sessions (expires_at);

-- The register of checks (BPR §36): who looked at whom, when, what was shown and the index values.
-- Written by the portal only; scoring's own score_checks stays scoring's.
CREATE TABLE IF NOT EXISTS checks (
  id             uuid        PRIMARY KEY,
  checker_iin    char(12)    NOT NULL,
  checker_bin    char(12),
  checker_role   text,
  checker_name   text,
  subject_id     char(12)    NOT NULL,
  kind           text        NOT NULL CHECK (kind IN ('CARD', 'REPORT')),
  checked_at     timestamptz NOT NULL,
  shown          text        NOT NULL,  -- the JSON exactly as shown (its SHA-256 is shown_sha256)
  shown_sha256   text        NOT NULL CHECK (shown_sha256 ~ '^[0-9a-f]{64}$'),
  index_values   jsonb       NOT NULL,
  report_id      uuid
);
CREATE INDEX IF NOT EXISTS checks_by_checker ON checks (checker_iin, checked_at DESC);
CREATE INDEX IF NOT EXISTS checks_by_subject ON checks (subject_id, checked_at DESC);
