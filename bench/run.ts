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
  // BENCH_ONLY=kyc,portal runs just those; BENCH_SKIP_<NAME>=true skips one.
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const wanted = (name: string) => (only ? only.includes(name) : process.env[`BENCH_SKIP_${name.toUpperCase()}`] !== 'true');
  if (wanted('eds')) {
    log('EDS: sign/verify a ~4 KB document');
    rows.push(...(await runEdsBench()));
  }
  if (wanted('screening')) rows.push(...(await runScreeningBench(log)));
  if (wanted('ingest')) rows.push(...(await runIngestBench(entities, log)));
  if (wanted('search')) rows.push(...(await runSearchBench(log)));
  if (wanted('scoring')) rows.push(...(await runScoringBench(log)));
  if (wanted('kyc')) rows.push(...(await runKycBench(log)));
  if (wanted('portal')) rows.push(...(await runPortalBench(log)));
  if (wanted('projects')) rows.push(...(await runProjectsBench(log)));
  printRows(rows);
}

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
