import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { INestApplicationContext } from '@nestjs/common';
import { AlgorithmRegistry } from '@hub/algorithms';
import { loadConfig } from '@hub/platform';
import { SampleListRepository } from '@hub/source-tax';
import { PERIMETERS, PERIMETER_NAMES } from '../apps/perimeter/src/perimeter-app.module';
import { openPerimeterContext } from '../apps/perimeter/src/perimeter.app';
import { SampleSource, exportSample } from './sampling/export-sample';

const USAGE = 'usage: sample-export --size N --out DIR [--name NAME] [--seed S] [--outcomes hidden-outcomes.jsonl] [--now ISO]';

/**
 * A depersonalized sample for the NCE (BPR §21): the tax perimeter draws N random taxpayers and
 * gives them random ids, then every source's perimeter exports its features and preliminary
 * indexes for them under those ids into DIR (<source>.jsonl, outcomes.jsonl, manifest.json).
 * Each perimeter runs with its own credentials, as the perimeter app does. Summary on stdout.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string' }, out: { type: 'string' }, name: { type: 'string' }, seed: { type: 'string' },
      outcomes: { type: 'string' }, now: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const size = Number(values.size);
  const now = values.now ? new Date(values.now) : new Date();
  if (!values.out || !Number.isInteger(size) || size < 1 || Number.isNaN(now.getTime())) throw new Error(USAGE);
  const name = values.name ?? `sample-${new Date().toISOString()}`;

  const config = loadConfig({ LOG_LEVEL: 'warn', PROVISION_ON_START: 'false', ...process.env });
  const contexts: INestApplicationContext[] = [];
  try {
    const sources: SampleSource[] = [];
    for (const perimeter of PERIMETER_NAMES) {
      // Provisioning is off by default (the perimeter app migrates); on for a database no perimeter has started against yet.
      const app = await openPerimeterContext(config, perimeter);
      contexts.push(app);
      sources.push({ indexer: app.get(PERIMETERS[perimeter].indexer, { strict: false }), registry: app.get(AlgorithmRegistry, { strict: false }) });
    }
    const list = contexts[PERIMETER_NAMES.indexOf('tax')].get(SampleListRepository, { strict: false });
    const manifest = await exportSample({ list, sources, draw: { name, size, seed: values.seed }, outDir: values.out, now, outcomesFile: values.outcomes });
    process.stdout.write(`${JSON.stringify({ name: manifest.name, size: manifest.size, rows: manifest.rows, outcomes: manifest.outcomes, out: values.out })}\n`);
  } finally {
    for (const app of contexts) await app.close();
  }
}

main().catch((error: unknown) => {
  const message = (error as Error).stack ?? String(error);
  const hint = /sample_subjects" does not exist/.test(message) ? '\n(the tax schema is not migrated yet: start the hub or the tax perimeter once, or run with PROVISION_ON_START=true)' : '';
  process.stderr.write(`${message}${hint}\n`);
  process.exit(1);
});
