import 'reflect-metadata';
import { PreliminaryIndexPublisher, recomputeAll } from '@hub/perimeter';
import { loadConfig } from '@hub/platform';
import { PERIMETERS, perimeterNamed } from '../apps/perimeter/src/perimeter-app.module';
import { openPerimeterContext } from '../apps/perimeter/src/perimeter.app';

/**
 * Recomputes and publishes the preliminary indexes of every subject one source holds, e.g. after
 * a new algorithm version was rolled out. Usage: preliminary-recompute <tax|justice|statistics|court|utility> [batch size]
 * (or SOURCE=...). Uses the perimeter's own credentials, as the perimeter app does. Progress on stderr.
 */
async function main(): Promise<void> {
  const name = perimeterNamed(process.argv[2] ?? process.env.SOURCE);
  const batchSize = Number(process.argv[3] ?? 1000);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('batch size must be a positive integer');
  const config = loadConfig({ LOG_LEVEL: 'warn', PROVISION_ON_START: 'false', ...process.env });
  // Provisioning is off by default (the perimeter app provisions); on for a fresh TOPIC_PREFIX, e.g. a measurement.
  const app = await openPerimeterContext(config, name);
  try {
    const indexer = app.get(PERIMETERS[name].indexer, { strict: false });
    const publisher = app.get(PreliminaryIndexPublisher, { strict: false });
    const result = await recomputeAll(indexer, publisher, {
      batchSize,
      onProgress: (p) => process.stderr.write(`${name}: ${p.subjects} subjects, ${p.indexes} indexes, ${(p.subjects / Math.max(1, p.elapsedMs) * 1000).toFixed(0)}/s\n`),
    });
    process.stderr.write(`${name}: done, ${result.subjects} subjects, ${result.indexes} indexes in ${(result.elapsedMs / 1000).toFixed(1)} s\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
