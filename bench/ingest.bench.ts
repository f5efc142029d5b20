import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kafka } from 'kafkajs';
import { FEED_TOPICS, HubConfig, Topics, consumerProgress, createKafka, createLogger, loadConfig, physicalName, waitUntilSettled } from '@hub/platform';
import { DIST, runNode } from '../tools/support/run-node';
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
 * (decode, validate, upsert, dead-letter, commit), whose RSS is sampled throughout.
 */
export async function runIngestBench(entities: number, log: (m: string) => void): Promise<BenchRow[]> {
  const runId = `bench${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const env = { ...process.env, TOPIC_PREFIX: `${runId}.`, KAFKA_GROUP_ID: `${runId}-hub`, HTTP_PORT: '0', LOG_LEVEL: 'warn' };
  const config: HubConfig = loadConfig(env);
  const topics = FEED_TOPICS.map((t) => physicalName(config.TOPIC_PREFIX, t.name));

  log(`generating a mixed feed of ${entities.toLocaleString('en-US')} entities into ${config.TOPIC_PREFIX}*`);
  await runNode(path.join('tools', 'feeds-generate.js'), ['--entities', String(entities), '--seed', String(Date.now() % 2 ** 31)], env);
  const kafka = createKafka(config, createLogger('warn'), '-bench');
  const admin = kafka.admin();
  await admin.connect();
  let hub: ChildProcess | undefined;
  try {
    const { end: total } = await consumerProgress(admin, config.KAFKA_GROUP_ID, topics);
    log(`  ${total.toLocaleString('en-US')} records across ${topics.length} topics`);

    log('raw kafkajs consume of the same topics');
    const raw = await rawConsumeRate(kafka, topics, total);

    log('hub ingest (the hub as its own process)');
    // Run the hub as infra/start-local.sh and infra/PRODUCTION.md do: with a bounded heap.
    const nodeArgs = (process.env.BENCH_HUB_NODE_ARGS ?? '--max-old-space-size=256').split(' ').filter(Boolean);
    hub = spawn(process.execPath, [...nodeArgs, path.join(DIST, 'apps', 'hub', 'src', 'main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    let peakRss = 0;
    const sampler = setInterval(() => { if (hub?.pid) peakRss = Math.max(peakRss, rssMb(hub.pid)); }, 100);
    let t0 = 0n;
    let base = 0;
    let done = 0;
    let lastReport = Date.now();
    while (done < total) {
      await new Promise((r) => setTimeout(r, 100));
      if (hub.exitCode !== null || hub.signalCode !== null) throw new Error(`the hub exited (${hub.exitCode ?? hub.signalCode}) after ${done} of ${total} records`);
      done = await consumerProgress(admin, config.KAFKA_GROUP_ID, topics).then((p) => p.committed, () => 0);
      if (t0 === 0n && done > 0) { t0 = process.hrtime.bigint(); base = done; }
      if (Date.now() - lastReport > 5000) { log(`  committed ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}, hub RSS ${peakRss.toFixed(0)} MB peak`); lastReport = Date.now(); }
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const hubRate = (total - base) / seconds;
    log('waiting for the preliminary indexes the perimeters recompute from these records');
    // Quiet for longer than the perimeters' recompute window, so the last flush has been published.
    const derived = await waitUntilSettled(admin, config.KAFKA_GROUP_ID, [physicalName(config.TOPIC_PREFIX, Topics.preliminaryIndexes.name)], {
      quietMs: 8000, alive: () => { if (hub?.exitCode !== null) throw new Error('the hub exited'); },
    });
    const endToEndSeconds = Number(derived.settledAt - t0) / 1e9;
    clearInterval(sampler);
    return [
      { name: `hub ingest, ${total.toLocaleString('en-US')} mixed feed records`, value: hubRate, unit: 'records/s', reference: 'raw kafkajs eachBatch, same topics', referenceValue: raw, ratio: hubRate / raw, target: '>= 20,000/s and ratio >= 0.3' },
      {
        name: `feeds stored and ${derived.end.toLocaleString('en-US')} preliminary indexes scored`, value: (total - base) / endToEndSeconds, unit: 'records/s',
        reference: 'hub ingest alone (row above)', referenceValue: hubRate, ratio: hubRate > 0 ? (total - base) / endToEndSeconds / hubRate : 0,
      },
      { name: 'hub process peak RSS during ingest', value: peakRss, unit: 'MB', reference: 'limit', referenceValue: 512, ratio: peakRss / 512, target: 'ratio < 1' },
    ];
  } finally {
    if (hub && hub.exitCode === null) {
      const exited = new Promise((r) => hub!.once('exit', r));
      hub.kill('SIGTERM');
      await exited;
    }
    await admin.disconnect();
  }
}
