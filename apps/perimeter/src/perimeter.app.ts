import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HOSTED_TOPICS, HubConfig, KafkaBatchServer, MIGRATION_SETS, MigrationSet, NestPinoLogger, Provisioner, TopicSpec, connectFeedTransport, createLogger, startedOrClosed } from '@hub/platform';
import { PerimeterAppModule, PerimeterName } from './perimeter-app.module';

/** Builds and starts one perimeter: provision its topics and schema, consume its feeds, serve health. */
export async function startPerimeter(config: HubConfig, name: PerimeterName): Promise<INestApplication> {
  const logger = createLogger(config.LOG_LEVEL);
  const app = await NestFactory.create(PerimeterAppModule.forRoot(config, name), { logger: new NestPinoLogger(logger), abortOnError: false });
  return startedOrClosed(app, async () => {
    if (config.PROVISION_ON_START) {
      await app.get(Provisioner).run(app.get<readonly TopicSpec[]>(HOSTED_TOPICS), app.get<readonly MigrationSet[]>(MIGRATION_SETS));
    }
    await connectFeedTransport(app, app.get(KafkaBatchServer));
    await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  });
}

/**
 * One perimeter's providers without its feed consumer or HTTP server, for commands (recompute,
 * sample export) that act with the perimeter's own credentials. Provisions only when asked.
 */
export async function openPerimeterContext(config: HubConfig, name: PerimeterName): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(PerimeterAppModule.forRoot(config, name), { logger: ['error', 'warn'] });
  return startedOrClosed(app, async () => {
    if (config.PROVISION_ON_START) await app.get(Provisioner).run(app.get<readonly TopicSpec[]>(HOSTED_TOPICS), app.get<readonly MigrationSet[]>(MIGRATION_SETS));
  });
}
