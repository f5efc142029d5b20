import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@hub/platform';
import { BprRiskKind, PopulationStatistics, PreliminaryIndexer, RecomputeOutbox, SubjectFeatures } from '@hub/perimeter';
import { TAX_DATABASE } from '../tax-database';
import { SectorPeers, sectorPeers } from './sector-peers';
import { TAX_CONFIDENTIAL_FEATURES, TaxSubject, taxFeatures, taxWindow } from './tax.features';

type Row = Record<string, unknown>;
const group = (rows: Row[]): Map<string, Row[]> => {
  const m = new Map<string, Row[]>();
  for (const r of rows) {
    const id = (r.id as string).trim();
    const rows = m.get(id);
    if (rows) rows.push(r);
    else m.set(id, [r]);
  }
  return m;
};
const isoOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A subject's sector: the statistics register's word first, else the registration's (src_tax.peer_sectors). */
const SECTION_OF = `SELECT DISTINCT ON (id) id, oked_section FROM src_tax.peer_sectors WHERE id = ANY($1::bpchar[]) ORDER BY id, (kind = 'STATISTICS') DESC`;
interface PeerTotalsRow { section: string; income: number; taxes_paid: number; average_staff: number; years: number }
/** Every taxpayer's totals with its sector, summed as financialTotals sums them. */
const PEER_TOTALS = `
  WITH sections AS (SELECT DISTINCT ON (id) id, oked_section FROM src_tax.peer_sectors ORDER BY id, (kind = 'STATISTICS') DESC)
  SELECT s.oked_section AS section, sum(greatest(f.annual_income, 0))::float8 AS income,
         sum(greatest((SELECT coalesce(sum((t->>'amount')::bigint), 0) FROM jsonb_array_elements(f.taxes_by_type) t), 0))::float8 AS taxes_paid,
         avg(f.staff_count)::float8 AS average_staff, count(*)::int AS years
  FROM src_tax.financials f JOIN sections s USING (id) GROUP BY f.id, s.oked_section`;

/**
 * The tax perimeter's preliminary indexes. Reads the public facts AND the confidential financials
 * through the module's own hub_tax connection; only bounded features leave this class.
 */
@Injectable()
export class TaxPreliminaryIndexer implements PreliminaryIndexer {
  readonly source = 'TAX' as const;
  readonly kinds: readonly BprRiskKind[] = ['CONSCIENTIOUSNESS', 'FINANCIAL_STABILITY', 'PAYMENT_DISCIPLINE'];
  readonly confidentialFeatures = TAX_CONFIDENTIAL_FEATURES;

  /**
   * Each OKED section's distribution of the two ratios over the taxpayers the store holds (issue 13
   * item 1). A taxpayer's features do not follow every change of its peers: the distribution is the
   * population's of a few minutes ago, and a full recompute brings every taxpayer up to date.
   */
  private readonly peers = new PopulationStatistics<SectorPeers>(async () => sectorPeers((await this.database.query<PeerTotalsRow>(PEER_TOTALS)).map((r) => ({
    section: r.section, totals: { income: r.income, taxesPaid: r.taxes_paid, averageStaff: r.average_staff, years: r.years },
  }))));

  constructor(@Inject(TAX_DATABASE) private readonly database: Database, outbox: RecomputeOutbox) {
    // Ids wait in the source's own outbox, written with the feed rows (see RecomputeOutbox).
    outbox.register({ indexer: this, database, table: 'src_tax.recompute_outbox' });
  }

  /**
   * Keyset pages over the ids of all three tables, each read in index order. A table whose read hit
   * the row limit is complete only up to its last id, so the page stops at the lowest such bound.
   */
  async ids(after: string | null, limit: number): Promise<string[]> {
    const reads = await Promise.all(['src_tax.facts', 'src_tax.financials', 'src_tax.list_memberships'].map(async (table) => {
      // Up to three fiscal years or a few list memberships per id: read rows enough for a full page.
      const rows = await this.database.query<{ id: string }>(`SELECT id FROM ${table} WHERE id > $1::bpchar ORDER BY id LIMIT $2`, [after ?? '', limit * 4]);
      return { ids: rows.map((r) => r.id.trim()), full: rows.length === limit * 4 };
    }));
    const bound = reads.filter((r) => r.full).map((r) => r.ids[r.ids.length - 1]).sort()[0];
    const all = [...new Set(reads.flatMap((r) => r.ids))].filter((id) => bound === undefined || id <= bound).sort();
    return all.slice(0, limit);
  }

  async features(ids: readonly string[], now: Date): Promise<SubjectFeatures[]> {
    const list = [...ids];
    const sectionOf = new Map((await this.database.query<{ id: string; oked_section: string }>(SECTION_OF, [list])).map((r) => [r.id.trim(), r.oked_section]));
    const peers = await this.peers.at(now, sectionOf.values());
    // Multi-row tables are read id by id through their primary key (LATERAL ... OFFSET 0 keeps the
    // planner from a whole-table hash join when statistics are missing or stale).
    const [facts, yearly, lists, financials] = await Promise.all([
      this.database.query<Row>(
        `SELECT id, to_char(registration_date, 'YYYY-MM-DD') AS registration_date, to_char(deregistration_date, 'YYYY-MM-DD') AS deregistration_date,
                suspensions, risk_audits, non_filings, insolvency_proceedings, risk_category, tax_debt_tiyn,
                to_char(liquidation_audit_application_date, 'YYYY-MM-DD') AS liquidation_audit, sanctions
         FROM src_tax.facts WHERE id = ANY($1::bpchar[])`, [list]),
      this.database.query<Row>(`SELECT y.* FROM unnest($1::bpchar[]) k(id) CROSS JOIN LATERAL (
         SELECT id, fiscal_year, tax_burden_coefficient, taxes_paid_tiyn FROM src_tax.yearly_facts WHERE id = k.id OFFSET 0) y`, [list]),
      this.database.query<Row>(
        `SELECT l.* FROM unnest($1::bpchar[]) k(id) CROSS JOIN LATERAL (
         SELECT id, list, to_char(included_on, 'YYYY-MM-DD') AS included_on, to_char(excluded_on, 'YYYY-MM-DD') AS excluded_on
         FROM src_tax.list_memberships WHERE id = k.id OFFSET 0) l`, [list]),
      this.database.query<Row>(
        `SELECT f.* FROM unnest($1::bpchar[]) k(id) CROSS JOIN LATERAL (
         SELECT id, fiscal_year, total_assets, total_liabilities, total_capital, annual_income, taxable_income, vat_refund, staff_count,
                (SELECT coalesce(sum((t->>'amount')::bigint), 0) FROM jsonb_array_elements(taxes_by_type) t) AS taxes_paid
         FROM src_tax.financials WHERE id = k.id ORDER BY fiscal_year DESC OFFSET 0) f`, [list]),
    ]);
    const factsById = group(facts);
    const yearlyById = group(yearly);
    const listsById = group(lists);
    const finById = group(financials);
    const window = taxWindow(now);
    const out: SubjectFeatures[] = [];
    for (const id of list) {
      const f = factsById.get(id)?.[0];
      const subject: TaxSubject = {
        id,
        facts: f ? {
          registrationDate: f.registration_date as string,
          deregistrationDate: isoOrNull(f.deregistration_date),
          suspensions: f.suspensions as NonNullable<TaxSubject['facts']>['suspensions'],
          riskAudits: f.risk_audits as Array<{ year: number; half: number }>,
          nonFilings: f.non_filings as Array<{ form: string; fiscalYear: number; dueDate: string }>,
          insolvencyProceedings: f.insolvency_proceedings as Array<{ kind: 'REHABILITATION' | 'BANKRUPTCY'; startDate: string; endDate: string | null }>,
          riskCategory: (f.risk_category as 'LOW' | 'MEDIUM' | 'HIGH' | null) ?? null,
          taxDebtTiyn: Number(f.tax_debt_tiyn),
          liquidationAuditApplicationDate: isoOrNull(f.liquidation_audit),
          sanctions: f.sanctions as Array<{ kind: string; appliedOn: string }>,
        } : null,
        yearly: (yearlyById.get(id) ?? []).map((y) => ({
          fiscalYear: y.fiscal_year as number,
          taxBurdenCoefficient: y.tax_burden_coefficient === null ? null : Number(y.tax_burden_coefficient),
          taxesPaidTiyn: y.taxes_paid_tiyn === null ? null : Number(y.taxes_paid_tiyn),
        })),
        lists: (listsById.get(id) ?? []).map((l) => ({ list: l.list as TaxSubject['lists'][number]['list'], includedOn: l.included_on as string, excludedOn: isoOrNull(l.excluded_on) })),
        financials: (finById.get(id) ?? []).map((y) => ({
          fiscalYear: y.fiscal_year as number, totalAssets: Number(y.total_assets), totalLiabilities: Number(y.total_liabilities),
          totalCapital: Number(y.total_capital), annualIncome: Number(y.annual_income), taxableIncome: Number(y.taxable_income),
          vatRefund: Number(y.vat_refund), staffCount: y.staff_count as number, taxesPaid: Number(y.taxes_paid),
        })),
        peers: peers.get(sectionOf.get(id) ?? '') ?? null,
      };
      if (!subject.facts && subject.lists.length === 0 && subject.financials.length === 0) continue;
      out.push({ subjectId: id, features: taxFeatures(subject, now), window });
    }
    return out;
  }
}
