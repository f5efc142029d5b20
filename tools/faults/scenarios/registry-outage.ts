import { HealthWatch } from '../health-watch';
import { STRIKE_AT, Scenario, preparedRun, sleep } from '../scenario';
import { stack } from '../stack';

const DOWN_MS = 30_000;

/** The schema registry stopped mid-ingest for 30 s (then as long as it takes to start again). */
export const registryOutage: Scenario = {
  name: 'registry down 30 s',
  fault: 'registry stopped at 30 %, restarted after 30 s',
  async run(ctx) {
    const run = await preparedRun('registry', ctx);
    const hub = await run.hub('hub', { supervise: true });
    await hub.start();
    const at = await run.waitCommitted(STRIKE_AT);
    const watch = new HealthWatch(hub);
    watch.start();
    const downAt = Date.now();
    await stack('stop-registry');
    ctx.log(`  registry stopped at ${at.toLocaleString('en-US')} committed`);
    await sleep(DOWN_MS);
    await stack('start-registry');
    const upAt = Date.now();
    watch.stop();
    const recoverySeconds = await run.waitRecovered(upAt);
    await run.drain();
    const failures = watch.saidDown('registry') === 0 ? [`/health never said the registry was down: ${watch.summary()}`, `hub output: ${hub.output().slice(-1500)}`] : [];
    return {
      run, recoverySeconds, failures,
      notes: [`registry unavailable ${((upAt - downAt) / 1000).toFixed(0)} s in all (its start-up included)`, watch.summary(), `supervisor restarts of the hub: ${hub.restarts}`],
    };
  },
};
