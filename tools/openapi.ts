import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { loadConfig, openApiDocument, projectRoot } from '@hub/platform';
import { HubModule } from '../apps/hub/src/hub.module';
import { ensureHubDevPki } from './hub-dev-pki';

export const OPENAPI_FILE = 'docs/openapi.json';

/** Writes the hub's OpenAPI document (generated from its controllers) to docs/openapi.json; a test fails when it drifts. */
async function main(): Promise<void> {
  // The document does not depend on keys, but the hub does not start without EDS: the dev PKI serves when none is configured.
  const eds = loadConfig().EDS_KEY_FILE ? {} : (await ensureHubDevPki(path.join(projectRoot(), '.local-stack', 'dev-pki'))).env;
  const config = loadConfig({ ...process.env, ...eds, PROVISION_ON_START: 'false', LOG_LEVEL: 'warn' });
  const app = await NestFactory.create(HubModule.forRoot(config), { logger: ['error'] });
  try {
    const file = path.join(projectRoot(), OPENAPI_FILE);
    writeFileSync(file, `${JSON.stringify(openApiDocument(app), null, 2)}\n`);
    process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
