import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HubConfig, KafkaBatchServer, NestPinoLogger, Provisioner, connectFeedTransport, createLogger, loadConfig, serveUntilSignalled } from '@hub/platform';
import { NDIP_GATEWAY_MIGRATIONS, NDIP_GATEWAY_TOPICS, NdipGatewayModule } from './ndip-gateway.module';

/*
 * The NDIP gateway as its own deployable: EDS_* settings (key, trust anchors, revocation), the
 * allowed NDIP_SENDER_BINS and the usual broker, registry and database settings. Several
 * instances share one consumer group; the replay store and the message log live in PostgreSQL.
 */
export async function startNdipGateway(config: HubConfig): Promise<INestApplication> {
  const app = await NestFactory.create(NdipGatewayModule.forRoot(config), { logger: new NestPinoLogger(createLogger(config.LOG_LEVEL)), abortOnError: false });
  if (config.PROVISION_ON_START) await app.get(Provisioner).run(NDIP_GATEWAY_TOPICS, NDIP_GATEWAY_MIGRATIONS);
  await connectFeedTransport(app, app.get(KafkaBatchServer));
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  return app;
}

if (require.main === module) {
  serveUntilSignalled('ndip-gateway', () => startNdipGateway(loadConfig({ KAFKA_GROUP_ID: 'kz-ndip-gateway', KAFKA_CLIENT_ID: 'kz-ndip-gateway', ...process.env })));
}
