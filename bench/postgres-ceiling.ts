import { Pool } from 'pg';

/** Every table the feeds are stored in. */
const FEED_TABLES = [
  'src_justice.legal_entities', 'src_tax.facts', 'src_tax.yearly_facts', 'src_tax.financials', 'src_tax.list_memberships',
  'src_stat.entities', 'src_court.civil_cases', 'src_utility.arrears',
];

/**
 * What PostgreSQL alone can write on this machine: the rows the hub just stored, copied server-side
 * (INSERT ... SELECT, no client, no parsing, no conflict check) into empty tables with the same
 * indexes. No hub that stores every record durably can ingest faster than this.
 */
export async function postgresCopyRate(databaseUrl: string): Promise<{ rows: number; rate: number }> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await pool.query('CREATE SCHEMA bench_copy');
    let rows = 0;
    let seconds = 0;
    for (const table of FEED_TABLES) {
      const copy = `bench_copy.${table.replace('.', '_')}`;
      await pool.query(`CREATE TABLE ${copy} (LIKE ${table} INCLUDING ALL)`);
      const started = process.hrtime.bigint();
      const result = await pool.query(`INSERT INTO ${copy} SELECT * FROM ${table}`);
      seconds += Number(process.hrtime.bigint() - started) / 1e9;
      rows += result.rowCount ?? 0;
    }
    return { rows, rate: rows / seconds };
  } finally {
    await pool.query('DROP SCHEMA IF EXISTS bench_copy CASCADE').catch(() => undefined);
    await pool.end();
  }
}
