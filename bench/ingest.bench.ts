import { randomBytes } from 'node:crypto';
import { seededRandom } from '@hub/identity';
import { Database, HubConfig, KAFKA_ADMIN, Topics, connectMessaging, createLogger, loadConfig, physicalName, valueSubject } from '@hub/platform';
import { syntheticLegalEntity } from '@hub/synthetic';
import { Admin, Kafka } from 'kafkajs';
import { startHub } from '../apps/hub/src/hub.app';
import { BenchRow, timed } from './bench-support';

const SEND_CHUNK = 5000;
const IN_FLIGHT = 4;

async function prefill(config: HubConfig, total: number, log: (m: string) => void): Promise<void> {
  const clients = await connectMessaging(config, createLogger('warn'), '-bench-prefill');
  try {
    const topic = physicalName(config.TOPIC_PREFIX, Topics.justiceLegalEntities.name);
    const schemaId = await clients.registry.latestId(valueSubject(topic));
    const random = seededRandom(4242);
    const now = new Date();
    let sent = 0;
    const inFlight = new Set<Promise<unknown>>();
    while (sent < total) {
      const n = Math.min(SEND_CHUNK, total - sent);
      const messages = await Promise.all(Array.from({ length: n }, async () => {
        const r = syntheticLegalEntity(random, now);
        return { key: r.bin, value: await clients.registry.encode(schemaId, r) };
      }));
      const p = clients.producer.send({ topic, acks: -1, messages }).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
      sent += n;
      if (sent % 50000 === 0) log(`  prefilled ${sent}/${total}`);
    }
    await Promise.all(inFlight);
  } finally {
    await clients.close();
  }
}

/** The reference: kafkajs eachBatch reading the same topic and doing nothing with it. */
async function rawConsumeRate(kafka: Kafka, topic: string, total: number): Promise<number> {
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomBytes(4).toString('hex')}`, maxBytesPerPartition: 4 * 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let firstAt = 0n;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => { done = resolve; });
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachBatch: async ({ batch }) => {
      if (firstAt === 0n) firstAt = process.hrtime.bigint();
      seen += batch.messages.length;
      if (seen >= total) done();
    },
  });
  await finished;
  const seconds = Number(process.hrtime.bigint() - firstAt) / 1e9;
  await consumer.disconnect();
  return total / seconds;
}

async function committed(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [group] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return group.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}

/** Hub ingest (decode, validate, upsert, commit) of the same pre-filled topic, with peak RSS. */
export async function runIngestBench(total: number, log: (m: string) => void): Promise<BenchRow[]> {
  const run = `bench${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const config = loadConfig({ ...process.env, TOPIC_PREFIX: `${run}.`, KAFKA_GROUP_ID: `${run}-hub`, HTTP_PORT: '0', LOG_LEVEL: 'warn' });
  const topic = physicalName(config.TOPIC_PREFIX, Topics.justiceLegalEntities.name);

  // Provision without consuming: start and stop the hub once (topics, schemas, migrations).
  const provisioner = await startHub({ ...config, KAFKA_GROUP_ID: `${run}-provision` });
  await provisioner.close();

  log(`pre-filling ${topic} with ${total} registration records`);
  const fill = await timed(() => prefill(config, total, log));
  log(`  prefill: ${(total / fill.seconds).toFixed(0)} records/s`);

  const kafka = (await connectMessaging(config, createLogger('warn'), '-bench')).kafka;
  log('raw kafkajs consume of the same topic');
  const raw = await rawConsumeRate(kafka, topic, total);

  log('hub ingest');
  let peakRss = 0;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 100);
  const app = await startHub(config);
  const admin = app.get<Admin>(KAFKA_ADMIN);
  let t0 = 0n;
  let base = 0;
  for (;;) {
    const done = await committed(admin, config.KAFKA_GROUP_ID, topic);
    if (t0 === 0n && done > 0) { t0 = process.hrtime.bigint(); base = done; }
    if (done >= total) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const hubSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const hubRate = (total - base) / hubSeconds;
  clearInterval(sampler);
  const stored = await app.get(Database).query<{ n: string }>('SELECT count(*) AS n FROM src_justice.legal_entities WHERE source_topic = $1', [topic]);
  await app.close();
  log(`  stored rows for this run: ${stored[0].n} (distinct BINs among ${total} records)`);

  return [
    { name: `hub ingest, ${total.toLocaleString('en-US')} justice records`, value: hubRate, unit: 'records/s', reference: 'raw kafkajs eachBatch consume', referenceValue: raw, ratio: hubRate / raw, target: '>= 0.3 of raw, >= 20,000/s' },
    { name: 'bench process peak RSS during hub ingest', value: peakRss / 1024 / 1024, unit: 'MB', reference: 'limit', referenceValue: 512, ratio: peakRss / 1024 / 1024 / 512, target: 'ratio < 1' },
  ];
}
