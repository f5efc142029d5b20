-- Up Migration
-- The public projection was readable by every role. Now each module has its own role and reads
-- other domains only through topics (bpr.facts.v1, bpr.preliminary-indexes.v1), so src_tax is
-- hub_tax's alone, like every module schema (grants to hub_tax: Provisioner / grantStores).
REVOKE SELECT ON src_tax.facts, src_tax.yearly_facts, src_tax.list_memberships FROM PUBLIC;
REVOKE USAGE ON SCHEMA src_tax FROM PUBLIC;
-- The migration owner runs no service but owns the tables, and an owner holds every privilege
-- unless it gives them up: it does, for the tax secrets. Reading them would take an explicit,
-- logged GRANT first; hub_tax stays the only role that can (BPR §21 for the sample mapping).
REVOKE ALL ON src_tax.financials, src_tax.sample_subjects FROM CURRENT_USER;

-- Down Migration
GRANT ALL ON src_tax.financials, src_tax.sample_subjects TO CURRENT_USER;
GRANT USAGE ON SCHEMA src_tax TO PUBLIC;
GRANT SELECT ON src_tax.facts, src_tax.yearly_facts, src_tax.list_memberships TO PUBLIC;
