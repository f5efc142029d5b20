-- Up Migration
-- Names are unqualified on purpose: node-pg-migrate sets search_path to the set's schema
-- (message_log in the hub), so the same files can build a private schema in a test.

-- Every signed message in or out (SPEC §4, issue 10 item 7), X-Road message log style: one row
-- per message, append-only, each row's hash chained to the previous row's (recipe in
-- libs/message-log/src/hash-chain.ts). seq is gapless: the appender assigns head + 1 while it holds
-- the log's advisory lock, so two gateway instances never fork the chain.
CREATE TABLE IF NOT EXISTS entries (
  seq              bigint      PRIMARY KEY CHECK (seq >= 1),
  message_id       text        NOT NULL,
  correlation_id   text,
  direction        text        NOT NULL CHECK (direction IN ('IN', 'OUT')),
  channel          text        NOT NULL CHECK (channel IN ('KAFKA', 'SOAP')),
  document_type    text        NOT NULL,
  sender_bin       text,
  outcome          text        NOT NULL,
  -- The signed XML exactly as sent or received: bytes, never re-encoded.
  document         bytea       NOT NULL,
  document_sha256  text        NOT NULL CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
  recorded_at      timestamptz NOT NULL,
  prev_hash        text        NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash             text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  -- A second line of defence under the lock: one successor per row, so the chain cannot fork.
  CONSTRAINT entries_linear UNIQUE (prev_hash),
  CONSTRAINT entries_hash_unique UNIQUE (hash)
);
CREATE INDEX IF NOT EXISTS entries_message_id ON entries (message_id, seq);

-- Append-only, enforced by the database: no row is changed or removed, whoever asks. (Only a
-- superuser or the table owner can disable a trigger; production runs the hub as a role that is
-- neither, see infra/PRODUCTION.md.)
CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the message log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON entries
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Replay store shared by every hub instance (EDS-NOTES checklist item 9): a (sender, message id)
-- is accepted once while its date window is open; rows past expires_at may be purged.
CREATE TABLE IF NOT EXISTS seen_messages (
  sender      text        NOT NULL,
  message_id  text        NOT NULL,
  expires_at  timestamptz NOT NULL,
  PRIMARY KEY (sender, message_id)
);
CREATE INDEX IF NOT EXISTS seen_messages_expiry ON seen_messages (expires_at);

-- Down Migration
DROP TABLE IF EXISTS seen_messages;
DROP TABLE IF EXISTS entries;
DROP FUNCTION IF EXISTS refuse_change();
