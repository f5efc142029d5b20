-- Up Migration
-- The signed answer given to each KYC request, by (sender, request message id). A request the
-- consumer sees again at the same topic position (a restart before its offset was committed) gets
-- the same answer again, byte for byte; the same id arriving anew (a replay) is refused as REPLAY.
CREATE TABLE IF NOT EXISTS ndip.kyc_answers (
  sender_bin          char(12)    NOT NULL,
  request_message_id  text        NOT NULL,
  request_sha256      bytea       NOT NULL,
  request_position    text,
  channel             text        NOT NULL,
  answer_message_id   text        NOT NULL,
  answer_type         text        NOT NULL,
  verdict             text,
  answer_document     text        NOT NULL,
  answered_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sender_bin, request_message_id)
);
CREATE INDEX IF NOT EXISTS kyc_answers_answered_at ON ndip.kyc_answers (answered_at);
