import { STRIKE_AT, Scenario, preparedRun } from '../scenario';

/** kill -9 of the hub mid-ingest, then a restart: redelivery from the last commit, recomputes from the outbox. */
export const hubKill: Scenario = {
  name: 'hub kill -9',
  fault: 'kill -9 at 30 % committed, restart at once',
  async run(ctx) {
    const run = await preparedRun('kill', ctx);
    const hub = await run.hub('hub');
    await hub.start();
    const at = await run.waitCommitted(STRIKE_AT);
    await hub.kill('SIGKILL');
    ctx.log(`  killed -9 at ${at.toLocaleString('en-US')} committed`);
    const restartedAt = Date.now();
    await hub.start();
    const recoverySeconds = await run.waitRecovered(restartedAt);
    await run.drain();
    return { run, recoverySeconds, notes: [`killed at ${at} committed`] };
  },
};
