import { STRIKE_AT, Scenario, preparedRun } from '../scenario';

/** Two hub instances in one consumer group on one database; one is killed -9 mid-ingest and not restarted. */
export const groupMemberKill: Scenario = {
  name: 'two instances, one killed',
  fault: 'instance A kill -9 at 30 %, B carries on',
  async run(ctx) {
    const run = await preparedRun('pair', ctx);
    const a = await run.hub('hub-a');
    const b = await run.hub('hub-b');
    await a.start();
    await b.start(); // after A: A has run the migrations and provisioned
    const at = await run.waitCommitted(STRIKE_AT);
    await a.kill('SIGKILL');
    const killedAt = Date.now();
    ctx.log(`  hub-a killed -9 at ${at.toLocaleString('en-US')} committed; hub-b alone`);
    const recoverySeconds = await run.waitRecovered(killedAt);
    await run.drain();
    b.assertAlive();
    return { run, recoverySeconds, notes: [`killed at ${at} committed; recovery counts the group's session timeout`] };
  },
};
