import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { ConfigError, loadConfig } from '@hub/platform';
import { startHub } from './hub.app';

let app: INestApplication | undefined;
let stopRequested: NodeJS.Signals | undefined;
let stopping = false;

// app.close() stops the feed transport first (kafkajs waits for the batch in flight and commits
// its offsets), then the producer, admin and pool; only then does the process exit, with 0.
// A signal that arrives during start-up is honoured as soon as start-up completes.
function stop(signal: NodeJS.Signals): void {
  stopRequested = signal;
  if (!app || stopping) return;
  stopping = true;
  process.stdout.write(`${signal} received: draining\n`);
  app.close().then(() => process.exit(0), (error: unknown) => {
    process.stderr.write(`shutdown failed: ${String(error)}\n`);
    process.exit(1);
  });
}

async function main(): Promise<void> {
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const config = loadConfig();
  app = await startHub(config);
  process.stdout.write(`hub listening on ${await app.getUrl()}\n`);
  if (stopRequested) stop(stopRequested);
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `hub failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
