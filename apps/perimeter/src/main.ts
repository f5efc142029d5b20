import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { ConfigError, loadConfig } from '@hub/platform';
import { perimeterNamed } from './perimeter-app.module';
import { startPerimeter } from './perimeter.app';

/*
 * One source's perimeter as its own process. Environment:
 *   SOURCE                      tax | justice | statistics | court | utility (required)
 *   DATABASE_URL                the perimeter's own PostgreSQL login (owner of its src_* schema)
 *   TAX_DATABASE_URL            tax only: the hub_tax login, the only one that can read the financials
 *   KAFKA_BROKERS, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD
 *                               the perimeter's own broker credentials (read its feeds, write bpr.preliminary-indexes.v1)
 *   SCHEMA_REGISTRY_URL, SCHEMA_REGISTRY_USERNAME, SCHEMA_REGISTRY_PASSWORD
 *   KAFKA_GROUP_ID              defaults to kz-perimeter-<SOURCE> so it never shares offsets with the hub
 *   KAFKA_CLIENT_ID, TOPIC_PREFIX, HTTP_HOST, HTTP_PORT, LOG_LEVEL, PROVISION_ON_START as for the hub
 */
let app: INestApplication | undefined;
let stopping = false;

function stop(signal: NodeJS.Signals): void {
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
  const name = perimeterNamed(process.env.SOURCE);
  const config = loadConfig({ KAFKA_GROUP_ID: `kz-perimeter-${name}`, KAFKA_CLIENT_ID: `kz-perimeter-${name}`, ...process.env });
  app = await startPerimeter(config, name);
  process.stdout.write(`${name} perimeter listening on ${await app.getUrl()}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `perimeter failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
