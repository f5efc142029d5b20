-- Up Migration
-- The register now reads the tax perimeter's public facts from bpr.facts.v1 (its own store), so
-- no role outside the perimeter needs the tax tables: the public projection is no longer granted
-- to PUBLIC, and only hub_tax (and the owner) can reach src_tax at all.
GRANT USAGE ON SCHEMA src_tax TO hub_tax;
REVOKE SELECT ON src_tax.facts, src_tax.yearly_facts, src_tax.list_memberships FROM PUBLIC;
REVOKE USAGE ON SCHEMA src_tax FROM PUBLIC;

-- Down Migration
GRANT USAGE ON SCHEMA src_tax TO PUBLIC;
GRANT SELECT ON src_tax.facts, src_tax.yearly_facts, src_tax.list_memberships TO PUBLIC;
