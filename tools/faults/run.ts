import 'reflect-metadata';
import { AvroRegistry } from '@hub/platform';
import { FaultRun, FeedSpec } from './fault-run';
import { Scenario, ScenarioContext } from './scenario';
import { compareBags, compareSnapshots, snapshotSize, Snapshot, takeSnapshot, withoutColumns } from './snapshot';
import { FAULT_STACK, stack } from './stack';
import { SCENARIOS } from './scenarios';

/** The generator gives about 11.25 records per entity (a mixed feed of every source). */
const RECORDS_PER_ENTITY = 11.25;

interface Row { scenario: string; fault: string; records: number; lost: number; duplicated: number; republished: string; recovery: string; ingest: string; verdict: string; detail: string[] }

const log = (m: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${m}\n`);

async function cleanRun(ctx: ScenarioContext, registry: AvroRegistry): Promise<{ snapshot: Snapshot; seconds: number; records: number }> {
  const run = await FaultRun.create('clean');
  try {
    await run.generate(ctx.feed);
    log(`clean run: ${run.records.toLocaleString('en-US')} records on ${run.prefix}*`);
    const started = Date.now();
    const hub = await run.hub('hub');
    await hub.start();
    await run.drain();
    const seconds = (Date.now() - started) / 1000;
    await run.close();
    const snapshot = await takeSnapshot(run, registry);
    const size = snapshotSize(snapshot);
    log(`  clean: ${size.rows.toLocaleString('en-US')} rows, ${size.indexes.toLocaleString('en-US')} indexes (${snapshot.indexMessages} messages), ${size.deadLetters} dead letters, ${seconds.toFixed(0)} s`);
    if (size.rows === 0 || size.indexes === 0) throw new Error('the clean run stored nothing: the comparison would prove nothing');
    return { snapshot, seconds, records: run.records };
  } finally {
    await run.drop();
  }
}

async function runScenario(s: Scenario, ctx: ScenarioContext, clean: Snapshot, registry: AvroRegistry): Promise<Row> {
  log(`scenario: ${s.name} (${s.fault})`);
  const started = Date.now();
  const outcome = await s.run(ctx);
  const { run } = outcome;
  try {
    const ingest = (Date.now() - started) / 1000;
    await run.close();
    const ignore = outcome.ignoreColumns ?? [];
    const snapshot = withoutColumns(await takeSnapshot(run, registry), ignore);
    const c = compareSnapshots(withoutColumns(clean, ignore), snapshot);
    if (outcome.extraDeadLetters) {
      // The poison corpus: the fault run's dead letters are the clean run's plus exactly the corpus.
      const expected = new Map(clean.deadLetters);
      for (const [k, n] of outcome.extraDeadLetters) expected.set(k, (expected.get(k) ?? 0) + n);
      const d = compareBags('dead letters', expected, snapshot.deadLetters);
      c.deadLettersLost = d.lost;
      c.deadLettersExtra = d.duplicated;
      c.examples = [...c.examples.filter((e) => !e.startsWith('dead letters')), ...d.examples];
    }
    const lost = c.rowsLost + c.indexesLost + c.indexesDiffer + c.deadLettersLost;
    const duplicated = c.rowsExtra + c.indexesExtra + c.deadLettersExtra;
    const detail = [
      `rows lost ${c.rowsLost}, extra ${c.rowsExtra}; indexes missing ${c.indexesLost}, different ${c.indexesDiffer}, extra ${c.indexesExtra}` +
      ` (${snapshot.indexMessages} index messages vs ${clean.indexMessages} clean); dead letters missing ${c.deadLettersLost}, extra ${c.deadLettersExtra}`,
      ...outcome.notes, ...(outcome.failures ?? []).map((f) => `FAILED CHECK: ${f}`), ...c.examples,
    ];
    for (const d of detail) log(`  ${d}`);
    return {
      scenario: s.name, fault: s.fault, records: run.records, lost, duplicated, republished: String(snapshot.indexMessages - snapshot.indexes.size), recovery: `${outcome.recoverySeconds.toFixed(1)} s`, ingest: `${ingest.toFixed(0)} s`,
      verdict: lost === 0 && duplicated === 0 && !outcome.failures?.length ? 'PASS' : 'FAIL', detail,
    };
  } finally {
    await run.drop();
  }
}

function printTable(rows: Row[], cleanSeconds: number, cleanExtraIndexMessages: number): void {
  const head = ['scenario', 'fault', 'records', 'lost', 'dup. effects', 'index msgs beyond 1 per index', 'recovery', 'fault run total', 'verdict'];
  const body = rows.map((r) => [r.scenario, r.fault, r.records.toLocaleString('en-US'), String(r.lost), String(r.duplicated), r.republished, r.recovery, r.ingest, r.verdict]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  process.stdout.write(`\n${line(head)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${body.map(line).join('\n')}\n`);
  process.stdout.write(`clean run (reference): ${cleanSeconds.toFixed(0)} s from hub start to drained, ${cleanExtraIndexMessages} index messages beyond 1 per index\n`);
  process.stdout.write('lost: source rows, final indexes or dead letters of the clean run missing or different; dup. effects: rows, indexes or dead letters beyond it;\n' +
    'index msgs beyond 1 per index: recomputes published more than once (at-least-once; the last one per index is what is compared);\n' +
    'recovery: from the fault cleared (process restarted, service back) until every partition with a backlog committed again.\n');
}

async function main(): Promise<void> {
  const records = Number(process.env.FAULT_RECORDS ?? 200_000);
  if (!Number.isInteger(records) || records < 1000) throw new Error('FAULT_RECORDS must be an integer >= 1000');
  const only = process.env.FAULT_SCENARIOS?.split(',').map((s) => s.trim()).filter(Boolean);
  const scenarios = SCENARIOS.filter((s) => !only || only.some((o) => s.name.includes(o)));
  if (scenarios.length === 0) throw new Error(`no scenario matches FAULT_SCENARIOS=${process.env.FAULT_SCENARIOS}`);
  const feed: FeedSpec = { entities: Math.max(100, Math.round(records / RECORDS_PER_ENTITY)), seed: 20261202, now: '2026-12-01T00:00:00.000Z' };
  const ctx: ScenarioContext = { feed, cleanRecords: 0, log };

  log(`fault stack up (kafka ${FAULT_STACK.kafka}, postgres ${FAULT_STACK.postgres}, registry ${FAULT_STACK.registry})`);
  await stack('up');
  const registry = new AvroRegistry(FAULT_STACK.registry);
  const clean = await cleanRun(ctx, registry);
  ctx.cleanRecords = clean.records;
  const rows: Row[] = [];
  for (const s of scenarios) {
    // Whatever a scenario stopped comes back before the next one, and a failure is a row, not a skip.
    try {
      rows.push(await runScenario(s, ctx, clean.snapshot, registry));
    } catch (error) {
      log(`  ${s.name} FAILED: ${(error as Error).stack ?? String(error)}`);
      await stack('up').catch((e: Error) => log(`  ${e.message}`));
      for (const run of [...FaultRun.active]) await run.drop().catch((e: Error) => log(`  dropping ${run.prefix}: ${e.message}`));
      rows.push({ scenario: s.name, fault: s.fault, records: clean.records, lost: -1, duplicated: -1, republished: '-', recovery: '-', ingest: '-', verdict: 'ERROR', detail: [(error as Error).message] });
    }
    await stack('up').catch((e: Error) => log(`  the fault stack did not come back: ${e.message}`));
  }
  printTable(rows, clean.seconds, clean.snapshot.indexMessages - clean.snapshot.indexes.size);
  if (process.env.FAULT_KEEP_STACK !== 'true') await stack('down');
  process.exit(rows.every((r) => r.verdict === 'PASS') ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`test:faults failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
