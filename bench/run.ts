import 'reflect-metadata';
import { BenchRow, printRows } from './bench-support';
import { runEdsBench } from './eds.bench';
import { runIngestBench } from './ingest.bench';

async function main(): Promise<void> {
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const records = Number(process.env.BENCH_RECORDS ?? 200_000);
  const rows: BenchRow[] = [];
  log('EDS: sign/verify a ~4 KB document');
  rows.push(...(await runEdsBench()));
  rows.push(...(await runIngestBench(records, log)));
  printRows(rows);
}

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
