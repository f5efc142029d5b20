import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HubConfig, NestPinoLogger, Provisioner, createLogger, loadConfig, serveUntilSignalled } from '@hub/platform';
import { PORTAL_APP_MIGRATIONS, PortalAppModule } from './portal-app.module';

/*
 * The entrepreneurs' portal as its own deployable: EDS_* settings (the hub's key signs reports and
 * check certificates; the trust anchors and revocation sources verify users' logins), PORTAL_*
 * session and rate-limit settings, and the database the register and scoring write. The hub
 * mounts the same PortalModule, so one machine needs no separate portal process.
 */
export async function startPortal(config: HubConfig): Promise<INestApplication> {
  const app = await NestFactory.create(PortalAppModule.forRoot(config), { logger: new NestPinoLogger(createLogger(config.LOG_LEVEL)), abortOnError: false });
  if (config.PROVISION_ON_START) await app.get(Provisioner).run([], PORTAL_APP_MIGRATIONS);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  return app;
}

if (require.main === module) {
  serveUntilSignalled('portal', () => startPortal(loadConfig({ KAFKA_CLIENT_ID: 'kz-portal', ...process.env })));
}
