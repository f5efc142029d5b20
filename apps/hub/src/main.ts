import 'reflect-metadata';
import { ConfigError, loadConfig } from '@hub/platform';
import { startHub } from './hub.app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await startHub(config);
  process.stdout.write(`hub listening on ${await app.getUrl()}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `hub failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
