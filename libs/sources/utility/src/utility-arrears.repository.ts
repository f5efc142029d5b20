import { Injectable } from '@nestjs/common';
import { Database } from '@hub/platform';
import { ArrearsReport, SourcePosition } from './utility-arrears';

const COLUMNS = [
  'id', 'supplier_bin', 'service_kind', 'billing_period', 'supplier_name', 'months_overdue', 'amount_owed_tiyn',
  'event_time', 'source_topic', 'source_partition', 'source_offset',
] as const;
const TYPES = ['text', 'text', 'text', 'text', 'text', 'int', 'bigint', 'timestamptz', 'text', 'int', 'bigint'];
const KEY = new Set<string>(['id', 'supplier_bin', 'service_kind', 'billing_period']);

// One statement per batch. A row changes only when the incoming event is strictly newer:
// redelivery and out-of-order arrival are both no-ops.
const UPSERT = `
  INSERT INTO src_utility.arrears (${COLUMNS.join(', ')})
  SELECT * FROM unnest(${TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})
  ON CONFLICT (id, supplier_bin, service_kind, billing_period) DO UPDATE SET
    ${COLUMNS.filter((c) => !KEY.has(c)).map((c) => `${c} = excluded.${c}`).join(',\n    ')},
    updated_at = now()
  WHERE src_utility.arrears.event_time < excluded.event_time`;

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
    if (items.length === 0) return 0;
    const columns: unknown[][] = COLUMNS.map(() => []);
    for (const { report: r, position: p } of items) {
      const row = [
        r.id, r.supplierBin, r.serviceKind, r.billingPeriod, r.supplierName, r.monthsOverdue, r.amountOwedTiyn,
        r.eventTime.toISOString(), p.topic, p.partition, p.offset,
      ];
      row.forEach((v, i) => columns[i].push(v));
    }
    const result = await this.database.pool.query(UPSERT, columns);
    return result.rowCount ?? 0;
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
