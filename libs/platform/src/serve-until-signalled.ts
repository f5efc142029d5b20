import { INestApplication } from '@nestjs/common';
import { ConfigError } from './config/hub-config';

/**
 * Runs a deployable until SIGTERM/SIGINT. app.close() stops the feed transport first (kafkajs
 * finishes the batch in flight and commits its offsets), then producers, admin and pools; only then
 * does the process exit, with 0. A signal during start-up is honoured once start-up completes.
 * A start-up failure exits 1 with the configuration problems or the stack.
 */
export function serveUntilSignalled(name: string, start: () => Promise<INestApplication>): void {
  let app: INestApplication | undefined;
  let requested: NodeJS.Signals | undefined;
  let stopping = false;

  const stop = (signal: NodeJS.Signals): void => {
    requested = signal;
    if (!app || stopping) return;
    stopping = true;
    process.stdout.write(`${signal} received: draining\n`);
    app.close().then(() => process.exit(0), (error: unknown) => {
      process.stderr.write(`shutdown failed: ${String(error)}\n`);
      process.exit(1);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  start()
    .then(async (started) => {
      app = started;
      process.stdout.write(`${name} listening on ${await started.getUrl()}\n`);
      if (requested) stop(requested);
    })
    .catch((error: unknown) => {
      process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `${name} failed to start: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    });
}
