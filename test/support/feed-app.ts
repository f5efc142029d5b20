import { INestApplication, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Admin, Kafka, Producer } from 'kafkajs';
import { AvroRegistry, HubConfig, KAFKA_PRODUCER, KafkaBatchServer, PlatformModule, Provisioner, TopicSpec, connectFeedTransport } from '@hub/platform';

export interface FeedApp { app: INestApplication; server: KafkaBatchServer; producer: Producer; registry: AvroRegistry; admin: Admin; base: string; close(): Promise<void> }

/**
 * The platform alone on the real broker, with the given topics provisioned and handler classes as
 * its controllers, its feed transport connected and its HTTP port open (metrics): the transport's
 * behaviour tested without any domain module.
 */
export async function startFeedApp(config: HubConfig, topics: TopicSpec[], controllers: Type[]): Promise<FeedApp> {
  @Module({ imports: [PlatformModule.forRoot({ config, topics, migrations: [] })], controllers })
  class FeedAppModule {}
  const app = await NestFactory.create(FeedAppModule, { logger: false });
  await app.get(Provisioner).run(topics, []);
  const server = app.get(KafkaBatchServer);
  await connectFeedTransport(app, server);
  await app.listen(0, '127.0.0.1');
  const admin = app.get(Kafka).admin();
  await admin.connect();
  return {
    app, server, admin, producer: app.get(KAFKA_PRODUCER), registry: app.get(AvroRegistry), base: await app.getUrl(),
    close: async () => {
      await admin.disconnect();
      await app.close();
    },
  };
}
