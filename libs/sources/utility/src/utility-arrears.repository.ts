import { Injectable } from '@nestjs/common';
import { Column, Database, runUpsert, unnestUpsert } from '@hub/platform';
import { ArrearsReport, SourcePosition } from './utility-arrears';

const COLUMNS: readonly Column[] = [
  ['id', 'text'], ['supplier_bin', 'text'], ['service_kind', 'text'], ['billing_period', 'text'], ['supplier_name', 'text'],
  ['months_overdue', 'int'], ['amount_owed_tiyn', 'bigint'], ['event_time', 'timestamptz'], ['source_topic', 'text'],
  ['source_partition', 'int'], ['source_offset', 'bigint'],
];
// Redelivery and out-of-order arrival are both no-ops: a row changes only for a newer event.
const UPSERT = unnestUpsert('src_utility.arrears', COLUMNS, ['id', 'supplier_bin', 'service_kind', 'billing_period'], { table: 'src_utility.recompute_outbox', idColumn: 'id' });

const toReport = (r: Record<string, unknown>): ArrearsReport => ({
  id: r.id as string,
  supplierBin: r.supplier_bin as string,
  supplierName: r.supplier_name as string,
  serviceKind: r.service_kind as ArrearsReport['serviceKind'],
  billingPeriod: r.billing_period as string,
  monthsOverdue: r.months_overdue as number,
  amountOwedTiyn: Number(r.amount_owed_tiyn),
  eventTime: r.event_time as Date,
});

@Injectable()
export class UtilityArrearsRepository {
  constructor(private readonly database: Database) {}

  /** Returns how many rows were inserted or changed. */
  async upsert(items: ReadonlyArray<{ report: ArrearsReport; position: SourcePosition }>): Promise<number> {
    return runUpsert(this.database.pool, UPSERT, COLUMNS.length, items.map(({ report: r, position: p }) => [
      r.id, r.supplierBin, r.serviceKind, r.billingPeriod, r.supplierName, r.monthsOverdue, r.amountOwedTiyn,
      r.eventTime.toISOString(), p.topic, p.partition, p.offset,
    ]));
  }

  /** The newest billing period ('YYYY-MM') received from any supplier, or null before the first report. */
  async latestPeriod(): Promise<string | null> {
    const [r] = await this.database.query<{ period: string | null }>('SELECT max(billing_period) AS period FROM src_utility.arrears');
    return r?.period ?? null;
  }

  /** The customer's reports from `fromPeriod` on, newest period first. */
  async findById(id: string, fromPeriod: string, limit: number): Promise<ArrearsReport[]> {
    const rows = await this.database.query<Record<string, unknown>>(
      `SELECT * FROM src_utility.arrears WHERE id = $1 AND billing_period >= $2
       ORDER BY billing_period DESC, supplier_bin, service_kind LIMIT $3`,
      [id, fromPeriod, limit],
    );
    return rows.map(toReport);
  }
}
