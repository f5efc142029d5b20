import { Inject, Injectable } from '@nestjs/common';
import { Column, Database, runUpsert, unnestUpsert } from '@hub/platform';
import { SourcePosition, TaxYearFinancials } from './tax-records';
import { TAX_DATABASE, TAX_OUTBOX } from './tax-database';

const COLUMNS: readonly Column[] = [
  ['id', 'text'], ['fiscal_year', 'int'], ['authorized_capital', 'bigint'], ['total_capital', 'bigint'], ['total_assets', 'bigint'],
  ['total_liabilities', 'bigint'], ['fixed_assets', 'bigint'], ['taxes_by_type', 'jsonb'], ['annual_income', 'bigint'],
  ['taxable_income', 'bigint'], ['total_deductions', 'bigint'], ['corporate_income_tax', 'bigint'], ['value_added_tax', 'bigint'],
  ['vat_refund', 'bigint'], ['property_tax', 'bigint'], ['transport_tax', 'bigint'], ['staff_count', 'int'], ['payroll_deductions', 'jsonb'],
  ['event_time', 'timestamptz'], ['source_topic', 'text'], ['source_partition', 'int'], ['source_offset', 'bigint'],
];
const UPSERT = unnestUpsert('src_tax.financials', COLUMNS, ['id', 'fiscal_year'], TAX_OUTBOX);

/**
 * CONFIDENTIAL store. Works only through the hub_tax login: no other role can read the table, so
 * a mistake elsewhere in the hub fails with "permission denied" instead of leaking a tax secret.
 * Nothing here is exported to other libs except through the tax module's own preliminary index.
 */
@Injectable()
export class TaxFinancialsRepository {
  constructor(@Inject(TAX_DATABASE) private readonly database: Database) {}

  async upsert(items: ReadonlyArray<{ financials: TaxYearFinancials; position: SourcePosition }>): Promise<number> {
    return runUpsert(this.database.pool, UPSERT, COLUMNS.length, items.map(({ financials: f, position: p }) => [
      f.id, f.fiscalYear, f.authorizedCapital, f.totalCapital, f.totalAssets, f.totalLiabilities, f.fixedAssets, JSON.stringify(f.taxesByType),
      f.annualIncome, f.taxableIncome, f.totalDeductions, f.corporateIncomeTax, f.valueAddedTax, f.vatRefund, f.propertyTax, f.transportTax,
      f.staffCount, JSON.stringify(f.payrollDeductions), f.eventTime.toISOString(), p.topic, p.partition, p.offset,
    ]));
  }

  /** Drops years that fell out of the three-year window as time moved on: the rules allow no more. */
  async purgeBefore(oldestFiscalYear: number): Promise<number> {
    const result = await this.database.pool.query('DELETE FROM src_tax.financials WHERE fiscal_year < $1', [oldestFiscalYear]);
    return result.rowCount ?? 0;
  }

  /** For the perimeter's own index computation; figures in tiyn, newest year first. */
  async findById(id: string): Promise<TaxYearFinancials[]> {
    const rows = await this.database.query<Record<string, unknown>>('SELECT * FROM src_tax.financials WHERE id = $1 ORDER BY fiscal_year DESC', [id]);
    return rows.map((r) => ({
      id: r.id as string,
      fiscalYear: r.fiscal_year as number,
      authorizedCapital: Number(r.authorized_capital),
      totalCapital: Number(r.total_capital),
      totalAssets: Number(r.total_assets),
      totalLiabilities: Number(r.total_liabilities),
      fixedAssets: Number(r.fixed_assets),
      taxesByType: r.taxes_by_type as TaxYearFinancials['taxesByType'],
      annualIncome: Number(r.annual_income),
      taxableIncome: Number(r.taxable_income),
      totalDeductions: Number(r.total_deductions),
      corporateIncomeTax: Number(r.corporate_income_tax),
      valueAddedTax: Number(r.value_added_tax),
      vatRefund: Number(r.vat_refund),
      propertyTax: Number(r.property_tax),
      transportTax: Number(r.transport_tax),
      staffCount: r.staff_count as number,
      payrollDeductions: r.payroll_deductions as TaxYearFinancials['payrollDeductions'],
      eventTime: r.event_time as Date,
    }));
  }
}
