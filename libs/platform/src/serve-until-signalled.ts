import { INestApplication } from '@nestjs/common';
import { ConfigError, HubConfig } from './config/hub-config';
import { HUB_CONFIG } from './config/tokens';

/**
 * Runs a deployable until SIGTERM/SIGINT. app.close() stops the feed transport first (kafkajs
 * finishes the batch in flight and commits its offsets) and the outbox drainer between chunks, then
 * producers, admin and pools; only then does the process exit, with 0. Nothing derived is computed
 * on the way out: it waits in the outbox. Should closing take longer than `timeoutMs` (a broker or
 * database not answering), the process exits 1 anyway: uncommitted batches are redelivered, so an
 * orchestrator's kill never comes first (SHUTDOWN_TIMEOUT_MS). A signal during start-up is honoured once start-up
 * completes. A start-up failure exits 1 with the configuration problems or the stack.
 */
export function serveUntilSignalled(name: string, start: () => Promise<INestApplication>): void {
  let app: INestApplication | undefined;
  let timeoutMs = 8000;
  let requested: NodeJS.Signals | undefined;
  let stopping = false;

  const stop = (signal: NodeJS.Signals): void => {
    requested = signal;
    if (!app || stopping) return;
    stopping = true;
    process.stdout.write(`${signal} received: draining\n`);
    const started = Date.now();
    setTimeout(() => {
      process.stderr.write(`shutdown did not finish within ${timeoutMs} ms: exiting; uncommitted batches will be redelivered\n`);
      process.exit(1);
    }, timeoutMs).unref();
    app.close().then(() => {
      process.stdout.write(`${name} stopped in ${Date.now() - started} ms\n`);
      process.exit(0);
    }, (error: unknown) => {
      process.stderr.write(`shutdown failed: ${String(error)}\n`);
      process.exit(1);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  start()
    .then(async (started) => {
      app = started;
      timeoutMs = started.get<symbol, HubConfig>(HUB_CONFIG, { strict: false }).SHUTDOWN_TIMEOUT_MS;
      process.stdout.write(`${name} listening on ${await started.getUrl()}\n`);
      if (requested) stop(requested);
    })
    .catch((error: unknown) => {
      process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `${name} failed to start: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    });
}
