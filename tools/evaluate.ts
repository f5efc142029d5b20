import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AlgorithmRegistry } from '@hub/algorithms';
import { Database } from '@hub/platform';
import { FINAL_INDEXES, FinalIndexName, ScoresAnswer, algorithmsAt, algorithmsDir, rescoreAll } from '@hub/scoring';
import { WORLDS, WorldName, worldNamed } from '@hub/synthetic';
import { IsolatedHub } from './support/isolated-hub';
import { HiddenTruth, QualityRow, ScoredSubject, formatQuality, qualityReport } from './evaluation/quality';
import { runNode } from './support/run-node';

const USAGE = 'usage: evaluate [--entities 20000] [--seed 20261122] [--worlds base,heterogeneous] [--target 0.8] [--keep (the database, topics and outcomes file, e.g. to draw a calibration sample)] [--compare DIR (also score the same cohorts with the FINAL algorithms in DIR, for a paired comparison; the preliminary indexes stay those in force: to compare new preliminary versions, run once with SCORING_ALGORITHMS_DIR=DIR on the same seed)] [--label eval (names the run: database hub_<label>..., topics <label>...; a helper session uses its own)]';
const log = (m: string) => process.stderr.write(`${m}\n`);

/**
 * The cohorts (world and seed) the algorithms in force were calibrated on: evaluating on one of them
 * would flatter the result (issue 13: never calibrate and evaluate on the same one). A version that
 * does not name its world was calibrated in the base world, the only one there was; one calibrated
 * on a sample pooled from several worlds names each, and each (world, seed) is refused.
 */
function calibrationCohorts(registry: AlgorithmRegistry, at: Date): Array<{ algorithm: string; world: string; seed: number }> {
  const out: Array<{ algorithm: string; world: string; seed: number }> = [];
  for (const a of Object.values(algorithmsAt(registry, at))) {
    const c = a.evaluation?.calibration as { cohortSeed?: unknown; cohortWorld?: unknown } | undefined;
    if (typeof c?.cohortSeed !== 'number') continue;
    // A sample pooled from several worlds on one seed names them all ('base,heterogeneous').
    for (const world of (typeof c.cohortWorld === 'string' ? c.cohortWorld : 'base').split(',')) out.push({ algorithm: a.name, world: world.trim(), seed: c.cohortSeed });
  }
  return out;
}

function readTruth(file: string): Map<string, HiddenTruth> {
  const truth = new Map<string, HiddenTruth>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const row = JSON.parse(line) as { id: string } & HiddenTruth;
    truth.set(row.id, { outcomes: row.outcomes, risk: row.risk, sector: row.sector, sizeClass: row.sizeClass });
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
 * A started hub of its own. On the shared, loaded broker a fresh hub's start sometimes loses a race
 * with its own topics' creation ("does not host this topic-partition"); a new hub is then tried.
 */
async function startedHub(world: WorldName, label: string, attempts = 3): Promise<IsolatedHub> {
  for (let attempt = 1; ; attempt++) {
    const hub = await IsolatedHub.create(label);
    log(`evaluation run ${hub.runId} (world ${world}): database ${hub.database}, topics ${hub.config.TOPIC_PREFIX}*`);
    try {
      await hub.start();
      return hub;
    } catch (error) {
      await hub.drop();
      if (attempt >= attempts) throw error;
      log(`the hub did not start (${(error as Error).message}); trying a fresh one`);
    }
  }
}

interface WorldRun { world: WorldName; seed: number; calibratedHere: string[]; rows: QualityRow[]; compareRows?: QualityRow[] }

/** One world: a fresh cohort through Kafka into a hub of its own, scored, and measured against its hidden truth. */
async function evaluateWorld(registry: AlgorithmRegistry, world: WorldName, seed: number, entities: number, target: number, keep: boolean, calibratedHere: string[], label: string, compare?: AlgorithmRegistry): Promise<WorldRun> {
  const work = mkdtempSync(path.join(tmpdir(), 'hub-evaluate-'));
  const hub = await startedHub(world, label);
  try {
    log(`generating ${entities.toLocaleString('en-US')} entities with seed ${seed} in world ${world}`);
    const outcomes = path.join(work, 'outcomes.jsonl');
    await runNode(path.join('tools', 'feeds-generate.js'), ['--entities', String(entities), '--seed', String(seed), '--world', world, '--outcomes', outcomes], hub.env);
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
      process.stdout.write(`\n== world ${world}: ${WORLDS[world].assumes}\n`);
      process.stdout.write(`quality of the final indexes on a fresh cohort (world ${world}, seed ${seed}, ${truth.size.toLocaleString('en-US')} entities, ${scored.length.toLocaleString('en-US')} scored; ${checked} cross-checked over HTTP)\nalgorithms: ${versions}\n`);
      process.stdout.write(`calibrated in this world (other seed): ${calibratedHere.join(', ') || 'none — every index is out of its calibration world here'}\n`);
      process.stdout.write(formatQuality(rows, target));
      if (!compare) return { world, seed, calibratedHere, rows };
      // The same cohort and preliminary indexes, scored by the other set: a paired comparison.
      await rescoreAll(database, compare, { at });
      const compareRows = qualityReport(await finalScores(database), truth);
      process.stdout.write(`\ncompared set on the same cohort: ${Object.values(algorithmsAt(compare, at)).map((a) => `${a.name}@${a.version}`).join(', ')}\n`);
      process.stdout.write(formatQuality(compareRows, target));
      // Leaves the kept database scored by the versions in force, as without --compare.
      await rescoreAll(database, registry, { at });
      return { world, seed, calibratedHere, rows, compareRows };
    } finally {
      await database.close();
    }
  } finally {
    if (keep) {
      // Kept for a depersonalized sample of this cohort (npm run sample:export), e.g. to calibrate on.
      await hub.stop();
      log(`kept: DATABASE_URL=${hub.config.DATABASE_URL} TOPIC_PREFIX=${hub.config.TOPIC_PREFIX} outcomes=${path.join(work, 'outcomes.jsonl')}`);
    } else {
      rmSync(work, { recursive: true, force: true });
      await hub.drop();
    }
  }
}

/** The note's table: one line per index, one column group per world. */
function summary(runs: readonly WorldRun[]): string {
  const header = `${'index'.padEnd(28)} ${runs.map((r) => `${r.world} (seed ${r.seed})`.padEnd(38)).join(' ')}`;
  const lines = runs[0].rows.map((row, i) => `${row.index.padEnd(28)} ${runs.map((r) => {
    const x = r.rows[i];
    return `AUC ${x.auc.toFixed(3)}/${x.propensityAuc.toFixed(3)} (${(x.auc / x.propensityAuc).toFixed(2)}) Brier ${x.brier.toFixed(4)}`.padEnd(38);
  }).join(' ')}`);
  const table = `\nsummary: AUC / hidden-propensity AUC (share of that ceiling), Brier\n${header}\n${lines.join('\n')}\n`;
  if (!runs.every((r) => r.compareRows)) return table;
  const compared = runs[0].rows.map((row, i) => `${row.index.padEnd(28)} ${runs.map((r) => {
    const x = r.compareRows![i];
    return `AUC ${x.auc.toFixed(4)} (${(x.auc - r.rows[i].auc >= 0 ? '+' : '')}${(x.auc - r.rows[i].auc).toFixed(4)}) Brier ${x.brier.toFixed(4)}`.padEnd(38);
  }).join(' ')}`);
  return `${table}\ncompared set on the same cohorts: AUC (difference from the versions in force), Brier\n${header}\n${compared.join('\n')}\n`;
}

/**
 * Measured quality (issues 4 and 13): for each world, a fresh synthetic cohort goes through Kafka into
 * a hub of its own, the perimeters compute their preliminary indexes, the scoring service scores every
 * entity, and each final index's AUC, Brier score, reliability and per-segment AUC are printed against
 * the cohort's hidden outcomes. A cohort an algorithm in force was calibrated on is refused.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      entities: { type: 'string', default: '20000' }, seed: { type: 'string', default: '20261122' }, worlds: { type: 'string', default: 'base,heterogeneous' },
      target: { type: 'string', default: '0.8' }, keep: { type: 'boolean', default: false }, compare: { type: 'string' }, label: { type: 'string', default: 'eval' }, help: { type: 'boolean' },
    },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (!/^[a-z][a-z0-9]{0,15}$/.test(values.label)) throw new Error(USAGE);
  const entities = Number(values.entities);
  const seed = Number(values.seed);
  const target = Number(values.target);
  if (!Number.isInteger(entities) || entities < 100 || !Number.isInteger(seed) || !(target > 0 && target <= 1)) throw new Error(USAGE);
  const worlds = values.worlds.split(',').map((w) => worldNamed(w.trim()).name);

  const registry = new AlgorithmRegistry(algorithmsDir());
  const compare = values.compare ? new AlgorithmRegistry(path.resolve(values.compare)) : undefined;
  // The compared set must not have been calibrated on the cohort either.
  const cohorts = [...calibrationCohorts(registry, new Date()), ...(compare ? calibrationCohorts(compare, new Date()) : [])];
  for (const world of worlds) {
    const clash = cohorts.find((c) => c.world === world && c.seed === seed);
    if (clash) throw new Error(`seed ${seed} in world ${world} is the cohort ${clash.algorithm} was calibrated on: pick another`);
  }
  const runs: WorldRun[] = [];
  for (const world of worlds) {
    runs.push(await evaluateWorld(registry, world, seed, entities, target, values.keep, [...new Set(cohorts.filter((c) => c.world === world).map((c) => c.algorithm))], values.label, compare));
  }
  if (worlds.length > 0 && !worlds.some((w) => cohorts.every((c) => c.world !== w))) {
    process.stdout.write('\nnote: every world here holds some index\'s calibration cohort (other seed); add a world none was calibrated in\n');
  }
  process.stdout.write(summary(runs));
  process.stdout.write(`${JSON.stringify({ seed, entities, worlds: runs.map((r) => ({ world: r.world, calibratedHere: r.calibratedHere, rows: r.rows, ...(r.compareRows ? { compareRows: r.compareRows } : {}) })) })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`evaluate failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
