import { HealthWatch } from '../health-watch';
import { STRIKE_AT, Scenario, preparedRun, sleep } from '../scenario';
import { stack } from '../stack';

const DOWN_MS = 20_000;

/** The fault stack's only Kafka broker killed -9 mid-ingest and started again 20 s later. */
export const brokerRestart: Scenario = {
  name: 'Kafka broker restart',
  fault: 'broker kill -9 at 30 %, down 20 s',
  async run(ctx) {
    const run = await preparedRun('broker', ctx);
    const hub = await run.hub('hub', { supervise: true });
    await hub.start();
    const at = await run.waitCommitted(STRIKE_AT);
    const watch = new HealthWatch(hub);
    watch.start();
    await stack('kill-kafka');
    ctx.log(`  broker killed -9 at ${at.toLocaleString('en-US')} committed`);
    await sleep(DOWN_MS);
    await stack('start-kafka');
    const upAt = Date.now();
    watch.stop();
    const recoverySeconds = await run.waitRecovered(upAt);
    await run.drain();
    const failures = watch.saidDown('kafka') === 0 ? [`/health never said kafka was down: ${watch.summary()}`, `hub output: ${hub.output().slice(-1500)}`] : [];
    return { run, recoverySeconds, failures, notes: [watch.summary(), `supervisor restarts of the hub: ${hub.restarts}`] };
  },
};
