import type { Bag } from './snapshot';
import { FaultRun, FeedSpec } from './fault-run';

/** cleanRecords: how many records the feed has (the clean run's count). */
export interface ScenarioContext { feed: FeedSpec; cleanRecords: number; log: (m: string) => void }

/** What a scenario hands back once its fault is over and the run has drained. */
export interface ScenarioOutcome {
  run: FaultRun;
  /** From the fault cleared until every partition with a backlog committed again (s). */
  recoverySeconds: number;
  /** What the scenario observed on the way (health reports, supervisor restarts). */
  notes: string[];
  /** Columns this scenario's feed legitimately changes (the poison corpus shifts source offsets). */
  ignoreColumns?: string[];
  /** Checks of the scenario's own that failed (e.g. /health never named the dependency down): the verdict is FAIL. */
  failures?: string[];
  /** Dead letters the scenario adds on purpose, beyond the clean run's. */
  extraDeadLetters?: Bag;
}

export interface Scenario { name: string; fault: string; run(ctx: ScenarioContext): Promise<ScenarioOutcome> }

/** A fresh run with the feed generated into it. */
export async function preparedRun(label: string, ctx: ScenarioContext): Promise<FaultRun> {
  const run = await FaultRun.create(label);
  await run.generate(ctx.feed);
  ctx.log(`  ${run.records.toLocaleString('en-US')} records generated on ${run.prefix}*`);
  return run;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Share of the feed committed when a scenario strikes. */
export const STRIKE_AT = 0.3;
