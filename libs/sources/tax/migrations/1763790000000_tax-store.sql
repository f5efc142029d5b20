-- Up Migration
-- The tax perimeter's store. Its module writes through its own login (hub_tax); the confidential
-- financials are readable by that role alone, while the public projection (facts, yearly facts,
-- list memberships) may be read by any role, e.g. the register's.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hub_tax') THEN
    CREATE ROLE hub_tax LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;
  END IF;
EXCEPTION
  -- Another process starting at the same moment created it first: the role exists, which is all we need.
  WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

CREATE TABLE IF NOT EXISTS src_tax.facts (
  id                                  char(12) PRIMARY KEY,
  registration_date                   date        NOT NULL,
  deregistration_date                 date,
  deregistration_reason               text,
  suspensions                         jsonb       NOT NULL,
  residence                           text        NOT NULL,
  tax_office_code                     char(4)     NOT NULL,
  tax_office_name                     text        NOT NULL,
  tax_regime                          text        NOT NULL,
  risk_audits                         jsonb       NOT NULL,
  non_filings                         jsonb       NOT NULL,
  insolvency_proceedings              jsonb       NOT NULL,
  risk_category                       text,
  tax_debt_tiyn                       bigint      NOT NULL,
  tax_debt_as_of                      date        NOT NULL,
  liquidation_audit_application_date  date,
  sanctions                           jsonb       NOT NULL,
  non_resident_registration           text,
  event_time                          timestamptz NOT NULL,
  source_topic                        text        NOT NULL,
  source_partition                    int         NOT NULL,
  source_offset                       bigint      NOT NULL,
  updated_at                          timestamptz NOT NULL DEFAULT now()
);

-- Yearly figures keep their own history: a snapshot that omits a year does not erase it.
CREATE TABLE IF NOT EXISTS src_tax.yearly_facts (
  id                      char(12)    NOT NULL,
  fiscal_year             int         NOT NULL,
  tax_burden_coefficient  double precision,
  taxes_paid_tiyn         bigint,
  event_time              timestamptz NOT NULL,
  updated_at              timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, fiscal_year)
);

CREATE TABLE IF NOT EXISTS src_tax.list_memberships (
  id                char(12)    NOT NULL,
  list              text        NOT NULL,
  included_on       date        NOT NULL,
  excluded_on       date,
  basis             text,
  event_time        timestamptz NOT NULL,
  source_topic      text        NOT NULL,
  source_partition  int         NOT NULL,
  source_offset     bigint      NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, list, included_on)
);

-- CONFIDENTIAL (tax secret): never granted beyond hub_tax.
CREATE TABLE IF NOT EXISTS src_tax.financials (
  id                    char(12)    NOT NULL,
  fiscal_year           int         NOT NULL,
  authorized_capital    bigint      NOT NULL,
  total_capital         bigint      NOT NULL,
  total_assets          bigint      NOT NULL,
  total_liabilities     bigint      NOT NULL,
  fixed_assets          bigint      NOT NULL,
  taxes_by_type         jsonb       NOT NULL,
  annual_income         bigint      NOT NULL,
  taxable_income        bigint      NOT NULL,
  total_deductions      bigint      NOT NULL,
  corporate_income_tax  bigint      NOT NULL,
  value_added_tax       bigint      NOT NULL,
  vat_refund            bigint      NOT NULL,
  property_tax          bigint      NOT NULL,
  transport_tax         bigint      NOT NULL,
  staff_count           int         NOT NULL,
  payroll_deductions    jsonb       NOT NULL,
  event_time            timestamptz NOT NULL,
  source_topic          text        NOT NULL,
  source_partition      int         NOT NULL,
  source_offset         bigint      NOT NULL,
  updated_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, fiscal_year)
);

REVOKE ALL ON SCHEMA src_tax FROM PUBLIC;
GRANT USAGE ON SCHEMA src_tax TO PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA src_tax FROM PUBLIC;
GRANT SELECT ON src_tax.facts, src_tax.yearly_facts, src_tax.list_memberships TO PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON src_tax.facts, src_tax.yearly_facts, src_tax.list_memberships, src_tax.financials TO hub_tax;

-- Down Migration
DROP TABLE IF EXISTS src_tax.financials;
DROP TABLE IF EXISTS src_tax.list_memberships;
DROP TABLE IF EXISTS src_tax.yearly_facts;
DROP TABLE IF EXISTS src_tax.facts;
