import { Injectable } from '@nestjs/common';
import { Database } from '@hub/platform';
import { BprRiskKind, PopulationStatistics, PreliminaryIndexer, RecomputeOutbox, SubjectFeatures, distinctIdsAfter } from '@hub/perimeter';
import { CourtCaseFact, courtFeatures, courtWindow, debtCaseRates } from './court.features';

const isoDay = (epochDay: number): string => new Date(epochDay * 86_400_000).toISOString().slice(0, 10);

/** Per size band: the firms the statistics facts name and their debt cases as defendant in the window. */
const BAND_COUNTS = `
  SELECT s.size_band AS band, count(*)::int AS firms, coalesce(sum(d.n), 0)::int AS debt_cases
  FROM src_court.subject_sizes s LEFT JOIN (
    SELECT party_id, count(*) AS n FROM src_court.civil_cases
    WHERE party_role = 'DEFENDANT' AND case_category = 'DEBT_COLLECTION' AND act_date >= $1::date GROUP BY party_id
  ) d ON d.party_id = s.id
  GROUP BY s.size_band`;

/** The court perimeter's preliminary indexes: civil cases of the last three years, per party. */
@Injectable()
export class CourtPreliminaryIndexer implements PreliminaryIndexer {
  readonly source = 'COURT' as const;
  readonly kinds: readonly BprRiskKind[] = ['PAYMENT_DISCIPLINE', 'FINANCIAL_STABILITY'];

  /** Debt cases per firm of each size band, over the current population, a few minutes old at most. */
  private readonly rates = new PopulationStatistics<number>(async (now) => debtCaseRates((await this.database.query<{ band: string; firms: number; debt_cases: number }>(
    BAND_COUNTS, [isoDay(courtWindow(now).from)])).map((r) => ({ band: r.band, firms: r.firms, debtCases: r.debt_cases }))));

  constructor(private readonly database: Database, outbox: RecomputeOutbox) {
    // Ids wait in the source's own outbox, written with the feed rows (see RecomputeOutbox).
    outbox.register({ indexer: this, database, table: 'src_court.recompute_outbox' });
  }

  ids(after: string | null, limit: number): Promise<string[]> {
    return distinctIdsAfter(this.database, 'src_court.civil_cases', 'party_id', after, limit);
  }

  async features(ids: readonly string[], now: Date): Promise<SubjectFeatures[]> {
    const window = courtWindow(now);
    const bandOf = new Map((await this.database.query<{ id: string; size_band: string }>(
      'SELECT id, size_band FROM src_court.subject_sizes WHERE id = ANY($1::bpchar[])', [[...ids]])).map((r) => [r.id.trim(), r.size_band]));
    const rates = await this.rates.at(now, bandOf.values());
    const rows = await this.database.query<{ party_id: string; party_role: string; case_category: string | null; act_d: string; outcome: string | null }>(
      `SELECT c.* FROM unnest($1::bpchar[]) k(id) CROSS JOIN LATERAL (
         SELECT party_id, party_role, case_category, to_char(act_date, 'YYYY-MM-DD') AS act_d, outcome
         FROM src_court.civil_cases WHERE party_id = k.id AND act_date >= $2::date OFFSET 0) c`, [[...ids], isoDay(window.from)]);
    // Every id asked about gets an index: one whose cases all left the window gets a clean one.
    const byId = new Map<string, CourtCaseFact[]>(ids.map((id) => [id, []]));
    for (const r of rows) {
      const list = byId.get(r.party_id) ?? [];
      list.push({ partyRole: r.party_role as CourtCaseFact['partyRole'], caseCategory: r.case_category as CourtCaseFact['caseCategory'], actDate: r.act_d, outcome: r.outcome as CourtCaseFact['outcome'] });
      byId.set(r.party_id, list);
    }
    return [...byId].map(([subjectId, cases]) => ({ subjectId, features: courtFeatures(cases, now, rates.get(bandOf.get(subjectId) ?? '') ?? null), window }));
  }
}
