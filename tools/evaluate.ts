import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AlgorithmRegistry } from '@hub/algorithms';
import { Database } from '@hub/platform';
import { FINAL_INDEXES, FinalIndexName, ScoresAnswer, algorithmsAt, algorithmsDir, rescoreAll } from '@hub/scoring';
import { IsolatedHub } from './support/isolated-hub';
import { HiddenTruth, ScoredSubject, formatQuality, qualityReport } from './evaluation/quality';
import { runNode } from './support/run-node';

const USAGE = 'usage: evaluate [--entities 20000] [--seed 20261122] [--target 0.8] [--keep (the database, topics and outcomes file, e.g. to draw a calibration sample)]';
const log = (m: string) => process.stderr.write(`${m}\n`);

/** Seeds the algorithms in force were calibrated on: evaluating on one of them would flatter the result. */
function calibrationSeeds(registry: AlgorithmRegistry, at: Date): Set<number> {
  const seeds = new Set<number>();
  for (const a of Object.values(algorithmsAt(registry, at))) {
    const seed = (a.evaluation?.calibration as { cohortSeed?: unknown } | undefined)?.cohortSeed;
    if (typeof seed === 'number') seeds.add(seed);
  }
  return seeds;
}

function readTruth(file: string): Map<string, HiddenTruth> {
  const truth = new Map<string, HiddenTruth>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const row = JSON.parse(line) as { id: string } & HiddenTruth;
    truth.set(row.id, { outcomes: row.outcomes, risk: row.risk });
  }
  return truth;
}

async function finalScores(database: Database): Promise<ScoredSubject[]> {
  const rows = await database.query<{ subject_id: string; indexes: Array<{ index: FinalIndexName; value: number }> }>(
    'SELECT subject_id, indexes FROM scoring.final_scores');
  return rows.map((r) => ({ subjectId: r.subject_id.trim(), values: Object.fromEntries(r.indexes.map((i) => [i.index, i.value])) }));
}

/** The bulk figures come from the re-score path; a handful asked over HTTP must give the same values. */
async function crossCheckOverHttp(hub: IsolatedHub, scored: readonly ScoredSubject[], count: number): Promise<number> {
  const step = Math.max(1, Math.floor(scored.length / count));
  let checked = 0;
  const cookie = await hub.sessionCookie();
  for (let i = 0; i < scored.length && checked < count; i += step) {
    const s = scored[i];
    const response = await fetch(`${hub.baseUrl}/api/v1/entities/${s.subjectId}/scores`, { headers: { cookie } });
    if (!response.ok) throw new Error(`GET /api/v1/entities/…/scores answered ${response.status}`);
    const answer = (await response.json()) as ScoresAnswer;
    for (const { index } of FINAL_INDEXES) {
      const live = answer.indexes.find((x) => x.index === index)?.value;
      if (live === undefined || Math.abs(live - (s.values[index] ?? NaN)) > 1e-12) {
        throw new Error(`${index} over HTTP (${live}) differs from the re-score (${s.values[index]})`);
      }
    }
    checked++;
  }
  return checked;
}

/**
 * Measured quality (issue 4): a fresh synthetic cohort goes through Kafka into a hub of its own,
 * the perimeters compute their preliminary indexes, the scoring service scores every entity, and
 * each final index's AUC is printed against the cohort's hidden outcomes.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      entities: { type: 'string', default: '20000' }, seed: { type: 'string', default: '20261122' },
      target: { type: 'string', default: '0.8' }, keep: { type: 'boolean', default: false }, help: { type: 'boolean' },
    },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const entities = Number(values.entities);
  const seed = Number(values.seed);
  const target = Number(values.target);
  if (!Number.isInteger(entities) || entities < 100 || !Number.isInteger(seed) || !(target > 0 && target <= 1)) throw new Error(USAGE);

  const registry = new AlgorithmRegistry(algorithmsDir());
  if (calibrationSeeds(registry, new Date()).has(seed)) throw new Error(`seed ${seed} is the cohort the algorithms in force were calibrated on: pick another`);

  const work = mkdtempSync(path.join(tmpdir(), 'hub-evaluate-'));
  const hub = await IsolatedHub.create('eval');
  log(`evaluation run ${hub.runId}: database ${hub.database}, topics ${hub.config.TOPIC_PREFIX}*`);
  try {
    await hub.start();
    log(`generating ${entities.toLocaleString('en-US')} entities with seed ${seed}`);
    const outcomes = path.join(work, 'outcomes.jsonl');
    await runNode(path.join('tools', 'feeds-generate.js'), ['--entities', String(entities), '--seed', String(seed), '--outcomes', outcomes], hub.env);
    log('waiting for the hub: feeds, then preliminary indexes');
    await hub.drain(log);

    const database = new Database(hub.config.DATABASE_URL, 4);
    try {
      const at = new Date();
      const rescored = await rescoreAll(database, registry, { at });
      log(`scored ${rescored.scored.toLocaleString('en-US')} entities in ${rescored.seconds.toFixed(1)} s`);
      const scored = await finalScores(database);
      const checked = await crossCheckOverHttp(hub, scored, 25);
      const truth = readTruth(outcomes);
      const rows = qualityReport(scored, truth);
      const versions = Object.values(algorithmsAt(registry, at)).map((a) => `${a.name}@${a.version}`).join(', ');
      process.stdout.write(`\nquality of the final indexes on a fresh cohort (seed ${seed}, ${truth.size.toLocaleString('en-US')} entities, ${scored.length.toLocaleString('en-US')} scored; ${checked} cross-checked over HTTP)\nalgorithms: ${versions}\n`);
      process.stdout.write(formatQuality(rows, target));
      process.stdout.write(`${JSON.stringify({ seed, entities, scored: scored.length, rows })}\n`);
    } finally {
      await database.close();
    }
  } finally {
    if (values.keep) {
      // Kept for a depersonalized sample of this cohort (npm run sample:export), e.g. to calibrate on.
      await hub.stop();
      log(`kept: DATABASE_URL=${hub.config.DATABASE_URL} TOPIC_PREFIX=${hub.config.TOPIC_PREFIX} outcomes=${path.join(work, 'outcomes.jsonl')}`);
    } else {
      rmSync(work, { recursive: true, force: true });
      await hub.drop();
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`evaluate failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
