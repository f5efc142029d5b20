-- Up Migration
-- The screening module's own store of watchlist entries (SPEC §4, NDIP §3.25): one row per list
-- entry, latest state by the list's event time (snapshot generation time). A de-listed entry keeps
-- its row with delisted = true, so a late older record cannot bring it back.
CREATE TABLE IF NOT EXISTS screening.watchlist_entries (
  entry_id          text        PRIMARY KEY,
  list              text        NOT NULL,
  kind              text        NOT NULL,
  delisted          boolean     NOT NULL,
  list_version      text        NOT NULL,
  -- The validated entry as the matcher indexes it (names, aliases, dates of birth, countries, identifiers).
  entry             jsonb       NOT NULL,
  event_time        timestamptz NOT NULL,
  source_topic      text        NOT NULL,
  source_partition  int         NOT NULL,
  source_offset     bigint      NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Every hub instance refreshes its in-memory index from the rows changed since its last look.
CREATE INDEX IF NOT EXISTS watchlist_entries_updated_at ON screening.watchlist_entries (updated_at);

-- Down Migration
DROP TABLE IF EXISTS screening.watchlist_entries;
