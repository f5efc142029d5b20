import { randomBytes } from 'node:crypto';
import { IncomingMessage, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Kafka, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { DLQ_HEADERS, Database, HubConfig, KAFKA_PRODUCER, PlatformModule, Provisioner, TopicSpec, connectFeedTransport, deadLetterName, physicalName, valueSubject } from '@hub/platform';
import { header, inspectDatabase, readTopic, testConfig, waitFor } from '@hub/test-support';
import { AvroRegistry } from './avro-registry';
import { BatchOutcome, FeedBatch } from './feed-record';
import { FeedConsumer, KafkaBatchServer } from './kafka-batch.server';

/**
 * The transport's error policy against the real broker, registry and PostgreSQL, through a small
 * feed of its own: a handler writes to a test table as a role of its own (not a superuser, so a
 * revoked grant really is "permission denied").
 */
const SPEC: TopicSpec = { name: 'resilience.items.v1', partitions: 1, valueSchema: 'statistics/statistical-entity.v1.avsc', key: 'id', deadLetter: true };
const POISON = 'POISON';
const suffix = randomBytes(4).toString('hex');
const ROLE = `resil_writer_${suffix}`;
const SCHEMA = `resil_${suffix}`;
let writer: Pool;
const attempts = new Map<string, number>();

interface Item { id: string; okedPrimaryName: string }

@FeedConsumer()
class ItemConsumer {
  @EventPattern(SPEC.name)
  async handle(@Payload() batch: FeedBatch<Item>): Promise<BatchOutcome> {
    for (const r of batch.records) {
      attempts.set(r.value.id, (attempts.get(r.value.id) ?? 0) + 1);
      // A record's own failure whose words sound like infrastructure: it must still be dead-lettered.
      if (r.value.okedPrimaryName === POISON) throw new Error('upstream timeout: connection reset while parsing the record');
    }
    await writer.query(`INSERT INTO ${SCHEMA}.items (id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [batch.records.map((r) => r.value.id)]);
    return { rejected: [] };
  }
}

/**
 * The hub reaches the real registry through this proxy, so a test can make the registry answer
 * 503 or 404 for a while without touching the shared registry every other test uses.
 */
function registryProxy(upstream: string) {
  const state: { mode: 'pass' | 503 | 404 } = { mode: 'pass' };
  const origin = new URL(upstream).origin;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (state.mode !== 'pass') {
        res.writeHead(state.mode, { 'content-type': 'application/json' }).end(JSON.stringify({ error_code: state.mode * 100 + 1, message: 'test proxy' }));
        return;
      }
      const headers: Record<string, string> = {};
      for (const h of ['content-type', 'accept', 'authorization']) if (typeof req.headers[h] === 'string') headers[h] = req.headers[h];
      fetch(`${origin}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined })
        .then(async (r) => res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await r.arrayBuffer())))
        .catch(() => res.writeHead(502).end());
    });
  });
  return { state, server };
}

describe('feed transport error policy (real Kafka, registry, PostgreSQL)', () => {
  const realRegistryUrl = testConfig().SCHEMA_REGISTRY_URL;
  const proxy = registryProxy(realRegistryUrl);
  let config: HubConfig;
  let topic: string;
  let app: INestApplication;
  let producer: Producer;
  let registry: AvroRegistry;
  let database: Database;
  let kafka: Kafka;
  let schemaId: number;
  let base: string;

  beforeAll(async () => {
    await new Promise<void>((r) => proxy.server.listen(0, '127.0.0.1', r));
    const viaProxy = new URL(realRegistryUrl);
    viaProxy.host = `127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
    config = testConfig({ KAFKA_RECORD_ATTEMPTS: '3', SCHEMA_REGISTRY_URL: viaProxy.toString().replace(/\/$/, '') });
    topic = physicalName(config.TOPIC_PREFIX, SPEC.name);
    @Module({ imports: [PlatformModule.forRoot({ config, topics: [SPEC], migrations: [] })], controllers: [ItemConsumer] })
    class TestModule {}
    app = await NestFactory.create(TestModule, { logger: false });
    database = inspectDatabase();
    await database.query(`CREATE ROLE ${ROLE} LOGIN`);
    await database.query(`CREATE SCHEMA ${SCHEMA}`);
    await database.query(`CREATE TABLE ${SCHEMA}.items (id text PRIMARY KEY)`);
    await database.query(`GRANT USAGE ON SCHEMA ${SCHEMA} TO ${ROLE}`);
    await database.query(`GRANT SELECT, INSERT ON ${SCHEMA}.items TO ${ROLE}`);
    writer = new Pool({ connectionString: config.DATABASE_URL.replace(/\/\/[^@/]+@/, `//${ROLE}@`), max: 2 });
    await app.get(Provisioner).run([SPEC], []);
    await connectFeedTransport(app, app.get(KafkaBatchServer));
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    producer = app.get(KAFKA_PRODUCER);
    registry = app.get(AvroRegistry);
    kafka = app.get(Kafka);
    schemaId = await registry.latestId(valueSubject(topic));
  }, 60000);

  afterAll(async () => {
    await app?.close();
    proxy.server.close();
    await writer?.end();
    const db = new Database(config.DATABASE_URL, 1);
    await db.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).catch(() => undefined);
    await db.query(`DROP ROLE IF EXISTS ${ROLE}`).catch(() => undefined);
    await db.close();
  });

  const item = (id: string, name = 'ok') => ({
    id, katoCode: '751000000', okedPrimary: '62010', okedPrimaryName: name, okedSecondary: [], sizeClassCode: '105', sizeClassName: 'x', eventTime: Date.now(),
  });
  const send = async (values: Buffer[]) => producer.send({ topic, acks: -1, messages: values.map((value) => ({ key: 'k', value })) });
  const stored = async (id: string) => (await database.query(`SELECT 1 FROM ${SCHEMA}.items WHERE id = $1`, [id])).length === 1;
  const metrics = async () => (await fetch(`${base}/metrics`)).text();
  const metricValue = (text: string, name: string, labels: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
    return line ? Number(line.split(' ').pop()) : undefined;
  };
  const deadLetters = async (count: number) => {
    const letters = await readTopic(kafka, deadLetterName(topic), count);
    await new Promise((r) => setTimeout(r, 1500)); // anything beyond `count` would have arrived by now
    return (await readTopic(kafka, deadLetterName(topic), count)).map((m) => ({ code: header(m, DLQ_HEADERS.code), reason: header(m, DLQ_HEADERS.reason), value: m.value }))
      .concat(letters.length > count ? [{ code: 'EXTRA', reason: '', value: null }] : []);
  };

  it('stores good records, dead-letters a wrong-subject record as WRONG_SUBJECT and a poison record after bounded retries', async () => {
    await send([await registry.encode(schemaId, item('good-1'))]);
    await waitFor(() => stored('good-1'), 'good-1 stored');

    // A schema of another subject: decodable, but not this topic's record.
    const otherId = await registry.register(`${config.TOPIC_PREFIX}other-value`, AvroRegistry.readSchemaFile('participants/planned-interruption.v1.avsc'));
    const wrong = await registry.encode(otherId, {
      participant: 'KGD', noticeId: 'n', affectedSource: 'TAX', affectedFeed: null, plannedStart: 1, plannedEnd: 2, announcedAt: 0, cancelled: false, reason: 'r', eventTime: 0,
    });
    const poison = await registry.encode(schemaId, item('poison-1', POISON));
    await send([wrong, poison, await registry.encode(schemaId, item('good-2'))]);
    await waitFor(() => stored('good-2'), 'good-2 stored after the bad records: the partition did not stall', 60_000);

    const letters = await deadLetters(2);
    expect(letters.map((l) => l.code).sort()).toEqual(['HANDLER_REJECTED', 'WRONG_SUBJECT']);
    expect(letters.find((l) => l.code === 'WRONG_SUBJECT')?.value).toEqual(wrong);
    expect(letters.find((l) => l.code === 'HANDLER_REJECTED')?.reason).toMatch(/timeout.*after 3 attempts/);
    // Once in the batch, then three times on its own: bounded, not forever. A group rebalance on a
    // loaded machine may hand the batch over once more before its commit, which repeats that round.
    expect(attempts.get('poison-1')).toBeGreaterThanOrEqual(4);
    expect(attempts.get('poison-1')).toBeLessThanOrEqual(8);
    expect(await stored('poison-1')).toBe(false);

    const text = await metrics();
    expect(metricValue(text, 'hub_dead_letters_total', 'code="WRONG_SUBJECT"')).toBe(1);
    expect(metricValue(text, 'hub_dead_letters_total', 'code="HANDLER_REJECTED"')).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('accepts a record written with a version of the subject registered after the ids were cached', async () => {
    const v1 = JSON.parse(AvroRegistry.readSchemaFile(SPEC.valueSchema!)) as { fields: unknown[] };
    const v2 = { ...v1, fields: [...v1.fields, { name: 'note', type: ['null', 'string'], default: null }] };
    const v2Id = await registry.register(valueSubject(topic), JSON.stringify(v2));
    expect(v2Id).not.toBe(schemaId);
    await send([await registry.encode(v2Id, { ...item('good-v2'), note: 'evolved' })]);
    await waitFor(() => stored('good-v2'), 'record of the new version stored');
  }, 30000);

  it('pauses on "permission denied" without dead-lettering or committing, alerts, and resumes once the grant is back', async () => {
    const admin = kafka.admin();
    await admin.connect();
    const committed = async () => Number((await admin.fetchOffsets({ groupId: config.KAFKA_GROUP_ID, topics: [topic] }))[0].partitions[0].offset);
    try {
      await database.query(`REVOKE INSERT ON ${SCHEMA}.items FROM ${ROLE}`);
      const before = await committed();
      await send([await registry.encode(schemaId, item('good-3'))]);
      await waitFor(async () => metricValue(await metrics(), 'hub_consumer_infrastructure_errors_total', 'code="pg-42501"'), 'an infrastructure alert for 42501');
      await waitFor(async () => metricValue(await metrics(), 'hub_consumer_paused_partitions', `topic="${topic}"`) === 1, 'partition paused');
      const health = (await (await fetch(`${base}/health`)).json()) as { consumer?: { pausedPartitions: string[] } };
      expect(health.consumer?.pausedPartitions).toEqual([`${topic}/0`]);
      // Retried under the revoked grant (after the backoff and the consumer's fetch wait), and held back again.
      await waitFor(async () => (metricValue(await metrics(), 'hub_consumer_infrastructure_errors_total', 'code="pg-42501"') ?? 0) >= 2, 'a second attempt', 20000);
      expect(await stored('good-3')).toBe(false);
      expect(await committed()).toBe(before);
      expect(attempts.get('good-3')).toBeGreaterThanOrEqual(2);

      await database.query(`GRANT INSERT ON ${SCHEMA}.items TO ${ROLE}`);
      await waitFor(() => stored('good-3'), 'good-3 stored once the grant is back', 45000);
      await waitFor(async () => (await committed()) > before, 'offset committed after recovery');
      await waitFor(async () => metricValue(await metrics(), 'hub_consumer_paused_partitions', `topic="${topic}"`) === 0, 'partition released');
      // Still only the two dead letters of the first test: nothing of the paused batch went there.
      expect((await deadLetters(2)).map((l) => l.code).sort()).toEqual(['HANDLER_REJECTED', 'WRONG_SUBJECT']);
    } finally {
      await admin.disconnect();
    }
  }, 90000);

  it.each([[503, 'REGISTRY_UNAVAILABLE'], [404, 'REGISTRY_SUBJECT_MISSING']] as const)(
    'pauses while the registry answers %s (%s), never dead-letters, and resumes once it answers again',
    async (status, code) => {
      // A version the hub has not cached yet, registered straight in the real registry: decoding it needs the registry.
      const direct = new AvroRegistry(realRegistryUrl);
      const v1 = JSON.parse(AvroRegistry.readSchemaFile(SPEC.valueSchema!)) as { fields: unknown[] };
      const field = `note${status}`;
      const next = { ...v1, fields: [...v1.fields, { name: 'note', type: ['null', 'string'], default: null }, { name: field, type: ['null', 'string'], default: null }] };
      const nextId = await direct.register(valueSubject(topic), JSON.stringify(next));
      const id = `good-registry-${status}`;
      const value = await direct.encode(nextId, { ...item(id), note: null, [field]: 'x' });
      const errors = async () => metricValue(await metrics(), 'hub_consumer_infrastructure_errors_total', `code="${code}"`) ?? 0;
      proxy.state.mode = status;
      try {
        await send([value]);
        await waitFor(async () => (await errors()) >= 2, `two held-back attempts with ${code}`, 30000);
        expect(metricValue(await metrics(), 'hub_consumer_paused_partitions', `topic="${topic}"`)).toBe(1);
        expect(await stored(id)).toBe(false);
      } finally {
        proxy.state.mode = 'pass';
      }
      await waitFor(() => stored(id), `${id} stored once the registry answers`, 90000);
      expect((await deadLetters(2)).map((l) => l.code).sort()).toEqual(['HANDLER_REJECTED', 'WRONG_SUBJECT']);
    },
    150000,
  );
});
