-- Up Migration
-- The statistics perimeter's own store: one row per BIN/IIN, latest state by the register's event time.
CREATE TABLE IF NOT EXISTS src_stat.entities (
  id                 char(12) PRIMARY KEY,
  kato_code          char(9)     NOT NULL,
  oked_primary       char(5)     NOT NULL,
  oked_primary_name  text        NOT NULL,
  -- [{code, name}]: read only as a whole with its entity, never queried by element.
  oked_secondary     jsonb       NOT NULL DEFAULT '[]',
  size_class_code    char(3)     NOT NULL,
  size_class_name    text        NOT NULL,
  event_time         timestamptz NOT NULL,
  source_topic       text        NOT NULL,
  source_partition   int         NOT NULL,
  source_offset      bigint      NOT NULL,
  updated_at         timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE IF EXISTS src_stat.entities;
