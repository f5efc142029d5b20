import 'reflect-metadata';
import { ensureRoles, loadConfig } from '@hub/platform';
import { BenchRow, printRows } from './bench-support';
import { runEdsBench } from './eds.bench';
import { runIngestBench } from './ingest.bench';
import { runKycBench } from './kyc.bench';
import { runPortalBench } from './portal.bench';
import { runProjectsBench } from './projects.bench';
import { runScoringBench } from './scoring.bench';
import { runScreeningBench } from './screening.bench';
import { runSearchBench } from './search.bench';

async function main(): Promise<void> {
  const log = (m: string) => process.stderr.write(`${m}\n`);
  // About 11 records per entity: 90,000 entities make a mixed feed of roughly 1,000,000 records.
  const entities = Number(process.env.BENCH_ENTITIES ?? 90_000);
  const rows: BenchRow[] = [];
  // The module roles the benchmarked hubs log in as (idempotent; DATABASE_URL's login creates them).
  const config = loadConfig();
  await ensureRoles(config.DATABASE_URL, config);
  if (process.env.BENCH_SKIP_EDS !== 'true') {
    log('EDS: sign/verify a ~4 KB document');
    rows.push(...(await runEdsBench()));
  }
  if (process.env.BENCH_ONLY_SEARCH === 'true') {
    rows.push(...(await runSearchBench(log)));
    printRows(rows);
    return;
  }
  if (process.env.BENCH_SKIP_SCREENING !== 'true') rows.push(...(await runScreeningBench(log)));
  rows.push(...(await runIngestBench(entities, log)));
  if (process.env.BENCH_SKIP_SEARCH !== 'true') rows.push(...(await runSearchBench(log)));
  if (process.env.BENCH_SKIP_SCORING !== 'true') rows.push(...(await runScoringBench(log)));
  if (process.env.BENCH_SKIP_KYC !== 'true') rows.push(...(await runKycBench(log)));
  if (process.env.BENCH_SKIP_PORTAL !== 'true') rows.push(...(await runPortalBench(log)));
  if (process.env.BENCH_SKIP_PROJECTS !== 'true') rows.push(...(await runProjectsBench(log)));
  printRows(rows);
}

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
