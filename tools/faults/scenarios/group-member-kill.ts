import path from 'node:path';
import { FaultRun } from '../fault-run';
import { runQuiet } from '../run-quiet';
import { STRIKE_AT, Scenario } from '../scenario';

/**
 * Two hub instances in one consumer group on one database; one is killed -9 mid-ingest and not
 * restarted. Both are up before the feed is published (one starting while the other ingests a
 * backlog alone would find little left to share).
 */
export const groupMemberKill: Scenario = {
  name: 'two instances, one killed',
  fault: 'instance A kill -9 at 30 %, B carries on',
  async run(ctx) {
    const run = await FaultRun.create('pair');
    const a = await run.hub('hub-a');
    const b = await run.hub('hub-b');
    await a.start();
    await b.start(); // after A: A has run the migrations and provisioned
    run.records = ctx.cleanRecords;
    const generating = runQuiet(path.join('tools', 'feeds-generate.js'), ['--entities', String(ctx.feed.entities), '--seed', String(ctx.feed.seed), '--now', ctx.feed.now], run.env());
    const at = await run.waitCommitted(STRIKE_AT);
    await a.kill('SIGKILL');
    const killedAt = Date.now();
    ctx.log(`  hub-a killed -9 at ${at.toLocaleString('en-US')} committed; hub-b alone`);
    const recoverySeconds = await run.waitRecovered(killedAt);
    await generating;
    await run.drain();
    b.assertAlive();
    return { run, recoverySeconds, notes: [`killed at ${at} committed; recovery counts the group's session timeout`] };
  },
};
