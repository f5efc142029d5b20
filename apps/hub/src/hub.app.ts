import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ALL_TOPICS, HubConfig, KafkaBatchServer, NestPinoLogger, Provisioner, configureHttp, connectFeedTransport, createLogger, serveOpenApi, startedOrClosed } from '@hub/platform';
import { HubModule, hubMigrations } from './hub.module';

/** Builds and starts the hub: provision, start consuming, then serve HTTP. Shared by main and e2e tests. */
export async function startHub(config: HubConfig): Promise<INestApplication> {
  const logger = createLogger(config.LOG_LEVEL);
  const app = await NestFactory.create(HubModule.forRoot(config), { logger: new NestPinoLogger(logger), abortOnError: false });
  return startedOrClosed(app, async () => {
    configureHttp(app);
    serveOpenApi(app);
    if (config.PROVISION_ON_START) await app.get(Provisioner).run(ALL_TOPICS, hubMigrations(config));
    await connectFeedTransport(app, app.get(KafkaBatchServer));
    await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  });
}
