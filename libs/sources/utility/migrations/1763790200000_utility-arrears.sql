-- Up Migration
-- The utility perimeter's own store: monthly history, one row per customer, supplier, service and
-- billing period (the §24.10 window is monthly), latest state by the supplier's event time.
CREATE TABLE IF NOT EXISTS src_utility.arrears (
  id                char(12)    NOT NULL,
  supplier_bin      char(12)    NOT NULL,
  service_kind      text        NOT NULL,
  -- 'YYYY-MM' sorts as text in time order.
  billing_period    char(7)     NOT NULL,
  supplier_name     text        NOT NULL,
  months_overdue    int         NOT NULL CHECK (months_overdue >= 0),
  amount_owed_tiyn  bigint      NOT NULL CHECK (amount_owed_tiyn >= 0),
  event_time        timestamptz NOT NULL,
  source_topic      text        NOT NULL,
  source_partition  int         NOT NULL,
  source_offset     bigint      NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, supplier_bin, service_kind, billing_period)
);
-- Feed freshness asks for the newest period received.
CREATE INDEX IF NOT EXISTS arrears_billing_period ON src_utility.arrears (billing_period);

-- Down Migration
DROP TABLE IF EXISTS src_utility.arrears;
