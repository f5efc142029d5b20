-- Up Migration
-- The signed issue time of the request an answer was given to: the stored answer is sent again for
-- the very same signed request only while that request could still pass the time window
-- (NDIP_MESSAGE_WINDOW_SECONDS); after it, the request goes through the checklist and is refused
-- as stale. Rows from before this column fall back to answered_at.
ALTER TABLE ndip.kyc_answers ADD COLUMN IF NOT EXISTS request_issued_at timestamptz;

-- Down Migration
ALTER TABLE ndip.kyc_answers DROP COLUMN IF EXISTS request_issued_at;
