import { HealthWatch } from '../health-watch';
import { STRIKE_AT, Scenario, preparedRun, sleep } from '../scenario';
import { stack } from '../stack';

const DOWN_MS = 15_000;

/** The output just before the first exit the supervisor saw, on one line. */
const firstExit = (output: string): string => {
  const at = output.indexOf('[exit ');
  return (at < 0 ? output : output.slice(0, at)).replace(/\s+/g, ' ').slice(-1200);
};

/**
 * The fault stack's PostgreSQL stopped (fast shutdown: sessions terminated by the administrator)
 * mid-ingest and started 15 s later. The hub runs under a supervisor: it may stay up or exit and be
 * restarted; either way it must recover by itself, and /health must name the database meanwhile.
 */
export const postgresRestart: Scenario = {
  name: 'PostgreSQL restart',
  fault: 'pg_ctl stop -m fast at 30 %, down 15 s',
  async run(ctx) {
    const run = await preparedRun('pg', ctx);
    const hub = await run.hub('hub', { supervise: true });
    await hub.start();
    const at = await run.waitCommitted(STRIKE_AT);
    const watch = new HealthWatch(hub);
    watch.start();
    await stack('stop-pg');
    ctx.log(`  PostgreSQL stopped at ${at.toLocaleString('en-US')} committed`);
    await sleep(DOWN_MS);
    await stack('start-pg');
    const upAt = Date.now();
    watch.stop();
    const recoverySeconds = await run.waitRecovered(upAt);
    await run.drain();
    const failures = watch.saidDown('database') === 0 ? [`/health never said the database was down: ${watch.summary()}`, `hub output: ${hub.output().slice(-1500)}`] : [];
    return { run, recoverySeconds, failures, notes: [
      watch.summary(), `supervisor restarts of the hub: ${hub.restarts} (exits: ${hub.exits.join(',') || 'none'})`,
      ...(hub.restarts > 0 ? [`why it first exited (its last output): ${firstExit(hub.output())}`] : []),
    ] };
  },
};
