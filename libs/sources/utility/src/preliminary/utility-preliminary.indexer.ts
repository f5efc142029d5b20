import { Injectable } from '@nestjs/common';
import { Database } from '@hub/platform';
import { BprRiskKind, PreliminaryIndexer, RecomputeOutbox, SubjectFeatures, distinctIdsAfter } from '@hub/perimeter';
import { ArrearsMonth, utilityFeatures, utilityWindow } from './utility.features';

/** The natural monopolies' perimeter: months of non-payment per customer in the window. */
@Injectable()
export class UtilityPreliminaryIndexer implements PreliminaryIndexer {
  readonly source = 'UTILITY' as const;
  readonly kinds: readonly BprRiskKind[] = ['PAYMENT_DISCIPLINE', 'FINANCIAL_STABILITY'];

  constructor(private readonly database: Database, outbox: RecomputeOutbox) {
    // Ids wait in the source's own outbox, written with the feed rows (see RecomputeOutbox).
    outbox.register({ indexer: this, database, table: 'src_utility.recompute_outbox' });
  }

  ids(after: string | null, limit: number): Promise<string[]> {
    return distinctIdsAfter(this.database, 'src_utility.arrears', 'id', after, limit);
  }

  async features(ids: readonly string[], now: Date): Promise<SubjectFeatures[]> {
    const w = utilityWindow(now);
    const rows = await this.database.query<{ id: string; supplier_bin: string; service_kind: string; billing_period: string; months_overdue: number }>(
      `SELECT a.* FROM unnest($1::bpchar[]) k(id) CROSS JOIN LATERAL (
         SELECT id, supplier_bin, service_kind, billing_period, months_overdue FROM src_utility.arrears
         WHERE id = k.id AND billing_period >= $2 AND billing_period <= $3 OFFSET 0) a`, [[...ids], w.fromPeriod, w.toPeriod]);
    const byId = new Map<string, ArrearsMonth[]>(ids.map((id) => [id, []]));
    for (const r of rows) {
      byId.get(r.id)?.push({ supplierBin: r.supplier_bin, serviceKind: r.service_kind, billingPeriod: r.billing_period, monthsOverdue: r.months_overdue });
    }
    // A customer whose reports all fell out of the window still gets an index: a clean one.
    return [...byId].map(([subjectId, reports]) => ({ subjectId, features: utilityFeatures(reports, now), window: w.days }));
  }
}
