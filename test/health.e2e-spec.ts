import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { AvroRegistry, Database, HealthService, createKafka, createLogger } from '@hub/platform';
import { getJson, testConfig, waitFor } from '@hub/test-support';
import { startHub } from '../apps/hub/src/hub.app';

const stack = (command: string) => execFileSync('bash', [path.join(__dirname, '..', 'infra', 'stack.sh'), command], { stdio: 'pipe' });

describe('GET /health', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await startHub(testConfig());
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('reports every dependency up with 200', async () => {
    const { status, body } = await getJson(`${base}/health`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', dependencies: { kafka: { status: 'up' }, registry: { status: 'up' }, database: { status: 'up' } } });
  });

  it('reports the registry down with 503 while its process is stopped, and up again after restart', async () => {
    stack('stop-registry');
    try {
      const { status, body } = await getJson(`${base}/health`);
      expect(status).toBe(503);
      expect(body).toMatchObject({ status: 'degraded', dependencies: { registry: { status: 'down' }, kafka: { status: 'up' }, database: { status: 'up' } } });
    } finally {
      stack('up');
    }
    await waitFor(async () => (await getJson(`${base}/health`)).status === 200, 'health back to ok');
  });

  it('reports Kafka and the database down when nothing answers at their addresses', async () => {
    const config = testConfig({ KAFKA_BROKERS: '127.0.0.1:1', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' });
    const kafka = createKafka(config, createLogger('silent'));
    const admin = kafka.admin({ retry: { retries: 0 } });
    const database = new Database(config.DATABASE_URL);
    try {
      const report = await new HealthService(admin, new AvroRegistry(config.SCHEMA_REGISTRY_URL), database).report();
      expect(report.status).toBe('degraded');
      expect(report.dependencies.kafka.status).toBe('down');
      expect(report.dependencies.database.status).toBe('down');
      expect(report.dependencies.registry.status).toBe('up');
    } finally {
      await database.close();
    }
  });
});
