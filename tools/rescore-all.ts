import 'reflect-metadata';
import { AlgorithmRegistry } from '@hub/algorithms';
import { Database, Stores, loadConfig, roleUrl } from '@hub/platform';
import { algorithmsDir, rescoreAll } from '@hub/scoring';

/**
 * Full re-score: every subject with preliminary indexes, with the final algorithms in force now
 * (or at --at=ISO), into scoring.final_scores. Progress and rate on stderr, the summary on stdout.
 * Usage: node dist/tools/rescore-all.js [--at=2026-11-01T00:00:00Z] [--batch=5000] [--after=<id>] [--until=<id>]
 */
async function main(): Promise<void> {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const at = arg('at') ? new Date(arg('at')!) : new Date();
  if (Number.isNaN(at.getTime())) throw new Error('--at must be an ISO date or instant');
  const batchSize = Number(arg('batch') ?? 5000);
  const config = loadConfig();
  // As the scoring module's own role: the re-score reads and writes the scoring schema only.
  const database = new Database(roleUrl(config, Stores.scoring.role), 4);
  const registry = new AlgorithmRegistry(algorithmsDir());
  let lastReport = 0;
  try {
    const result = await rescoreAll(database, registry, {
      at, batchSize, after: arg('after'), until: arg('until'),
      onProgress: (p) => {
        if (p.seconds - lastReport < 2) return;
        lastReport = p.seconds;
        process.stderr.write(`re-scored ${p.scored.toLocaleString('en-US')} ids in ${p.seconds.toFixed(1)} s (${Math.round(p.ratePerSecond).toLocaleString('en-US')}/s)\n`);
      },
    });
    process.stdout.write(`${JSON.stringify({ at: at.toISOString(), ...result })}\n`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`rescore-all failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
