import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { FEED_TOPICS, Topics, consumerProgress, createKafka, createLogger, laneGroupId, physicalName, waitUntilSettled } from '@hub/platform';
import { IsolatedHub } from '../tools/support/isolated-hub';
import { postgresCopyRate } from './postgres-ceiling';
import { runNode } from '../tools/support/run-node';
import { BenchRow } from './bench-support';

/** The reference: kafkajs eachBatch reading the same topics and doing nothing with the records. */
async function rawConsumeRate(kafka: Kafka, topics: string[], total: number): Promise<number> {
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomBytes(4).toString('hex')}`, maxBytesPerPartition: 4 * 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
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

function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0; // the process has exited; the loop below reports it
  }
}

/**
 * Mixed-feed ingest: the feed generator fills the seven source topics, then the same topics are
 * read by a do-nothing kafkajs consumer (reference) and by the hub running as its own process
 * (decode, validate, upsert, dead-letter, commit), whose RSS is sampled throughout. The hub gets a
 * fresh database, so the figure does not depend on what earlier runs left in the shared one.
 */
export async function runIngestBench(entities: number, log: (m: string) => void): Promise<BenchRow[]> {
  const hub = await IsolatedHub.create('bench');
  const { config, env } = hub;
  const topics = FEED_TOPICS.map((t) => physicalName(config.TOPIC_PREFIX, t.name));
  const kafka = createKafka(config, createLogger('warn'), '-bench');
  const admin = kafka.admin();
  try {
    log(`generating a mixed feed of ${entities.toLocaleString('en-US')} entities into ${config.TOPIC_PREFIX}*`);
    await runNode(path.join('tools', 'feeds-generate.js'), ['--entities', String(entities), '--seed', String(Date.now() % 2 ** 31)], env);
    await admin.connect();
    const { end: total } = await consumerProgress(admin, config.KAFKA_GROUP_ID, topics);
    log(`  ${total.toLocaleString('en-US')} records across ${topics.length} topics`);

    log('raw kafkajs consume of the same topics');
    const raw = await rawConsumeRate(kafka, topics, total);

    log('hub ingest (the hub as its own process)');
    const nodeArgs = process.env.BENCH_HUB_NODE_ARGS?.split(' ').filter(Boolean);
    await hub.start(nodeArgs);
    let peakRss = 0;
    const sampler = setInterval(() => { if (hub.pid) peakRss = Math.max(peakRss, rssMb(hub.pid)); }, 100);
    let t0 = 0n;
    let base = 0;
    let done = 0;
    let lastReport = Date.now();
    while (done < total) {
      await new Promise((r) => setTimeout(r, 100));
      hub.assertRunning();
      done = await consumerProgress(admin, config.KAFKA_GROUP_ID, topics).then((p) => p.committed, () => 0);
      if (t0 === 0n && done > 0) { t0 = process.hrtime.bigint(); base = done; }
      if (Date.now() - lastReport > 5000) { log(`  committed ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}, hub RSS ${peakRss.toFixed(0)} MB peak`); lastReport = Date.now(); }
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const hubRate = (total - base) / seconds;
    log('waiting for the preliminary indexes the perimeters recompute from these records');
    // Quiet for longer than the perimeters' recompute window, so the last flush has been published.
    // The public facts are read in the register's lane, a consumer group of its own (TopicSpec.lane).
    const settle = (group: string, topic: string) => waitUntilSettled(admin, group, [physicalName(config.TOPIC_PREFIX, topic)], { quietMs: 8000, alive: () => hub.assertRunning() });
    const [indexes, facts] = await Promise.all([
      settle(config.KAFKA_GROUP_ID, Topics.preliminaryIndexes.name), settle(laneGroupId(config.KAFKA_GROUP_ID, Topics.publicFacts.name), Topics.publicFacts.name),
    ]);
    const derived = { end: indexes.end, settledAt: indexes.settledAt > facts.settledAt ? indexes.settledAt : facts.settledAt };
    const endToEndSeconds = Number(derived.settledAt - t0) / 1e9;
    clearInterval(sampler);
    const lag = await projectionLag(config.DATABASE_URL);
    log('PostgreSQL alone: the stored rows copied server-side into empty tables');
    const ceiling = await postgresCopyRate(config.DATABASE_URL);
    return [
      { name: `hub ingest, ${total.toLocaleString('en-US')} mixed feed records`, value: hubRate, unit: 'records/s', reference: 'raw kafkajs eachBatch, same topics', referenceValue: raw, ratio: hubRate / raw, target: '>= 20,000/s and ratio >= 0.3' },
      {
        name: `feeds stored and ${derived.end.toLocaleString('en-US')} preliminary indexes scored`, value: (total - base) / endToEndSeconds, unit: 'records/s',
        reference: 'hub ingest alone (row above)', referenceValue: hubRate, ratio: hubRate > 0 ? (total - base) / endToEndSeconds / hubRate : 0,
      },
      {
        name: `PostgreSQL alone, ${ceiling.rows.toLocaleString('en-US')} stored rows copied`, value: ceiling.rate, unit: 'rows/s',
        reference: 'raw kafkajs eachBatch, same topics', referenceValue: raw, ratio: ceiling.rate / raw,
      },
      {
        name: `projection lag p99, ${lag.facts.toLocaleString('en-US')} facts during the load`, value: lag.p99, unit: 's',
        reference: 'projection lag p50, same facts', referenceValue: lag.p50, ratio: lag.p50 > 0 ? lag.p99 / lag.p50 : 0, target: 'p99 < 2 s',
      },
      { name: 'hub process peak RSS during ingest', value: peakRss, unit: 'MB', reference: 'limit', referenceValue: 512, ratio: peakRss / 512, target: 'ratio < 1' },
    ];
  } finally {
    await admin.disconnect();
    // The topics stay on the broker (as with `npm run evaluate`); the database goes.
    await hub.drop();
  }
}

/**
 * From a feed record stored in its perimeter (storedAt on bpr.facts.v1, stamped after the store
 * committed) to the fact committed in the register's store: measured on every fact of the load.
 */
async function projectionLag(databaseUrl: string): Promise<{ p50: number; p99: number; facts: number }> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const { rows } = await pool.query<{ p50: number; p99: number; n: string }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM updated_at - stored_at)) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM updated_at - stored_at)) AS p99, count(*) AS n
       FROM register.facts`);
    return { p50: Number(rows[0].p50 ?? 0), p99: Number(rows[0].p99 ?? 0), facts: Number(rows[0].n) };
  } finally {
    await pool.end();
  }
}
