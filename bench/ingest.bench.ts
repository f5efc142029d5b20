import { LoadSample, curveSegment, lastSegment, rateCurve } from './ingest-curve';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { AvroRegistry, FEED_TOPICS, Topics, consumerProgress, createKafka, createLogger, laneGroupId, physicalName, waitUntilSettled } from '@hub/platform';
import { IsolatedHub } from '../tools/support/isolated-hub';
import { postgresCopyRate } from './postgres-ceiling';
import { runNode } from '../tools/support/run-node';
import { BenchRow } from './bench-support';
import { PeerResult, copyFeedsAsJson, peerFeeds, runConnectPeer } from './peer/connect-peer';
import { BackendCpu, cpuSeconds, peakRssMb, rssMb } from './peer/proc-stats';

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

    // BENCH_PERIMETERS=external: BPR §14-§15's layout, each perimeter its own process beside a hub
    // running the register and scoring (the hub's figures are then all the processes together).
    const external = process.env.BENCH_PERIMETERS === 'external';
    log(external ? 'hub ingest (the hub and the five perimeters, each its own process)' : 'hub ingest (the hub as its own process)');
    // BENCH_HUB_NODE_ARGS set and not blank replaces HUB_NODE_ARGS; blank keeps them (an empty list
    // started the hub with no flags at all, and its 522 MB read as the flags' figure once).
    const given = process.env.BENCH_HUB_NODE_ARGS?.split(' ').filter(Boolean);
    const nodeArgs = given && given.length > 0 ? given : undefined;
    await hub.start(nodeArgs, { externalPerimeters: external });
    if (external) await hub.startExternalPerimeters(nodeArgs);

    const processCpu = () => hub.pids().reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    let peakRss = 0;
    const rssSampler = setInterval(() => { peakRss = Math.max(peakRss, hub.pids().reduce((sum, pid) => sum + rssMb(pid), 0)); }, 100);
    let t0 = 0n;
    let base = 0;
    let cpu0 = 0;
    const sampler = new Pool({ connectionString: config.DATABASE_URL, max: 1 });
    const pgCpu = new BackendCpu((sql, params) => sampler.query(sql, params), hub.database);
    let done = 0;
    let lastReport = Date.now();
    const load: LoadSample[] = [];
    while (done < total) {
      await new Promise((r) => setTimeout(r, 100));
      hub.assertRunning();
      done = await hub.feedProgress(admin, topics).then((p) => p.committed, () => 0);
      if (t0 === 0n && done > 0) { t0 = process.hrtime.bigint(); base = done; cpu0 = processCpu(); await pgCpu.start(); } else if (t0 !== 0n) await pgCpu.sample();
      if (t0 !== 0n) load.push({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, done, hubCpu: processCpu() - cpu0, pgCpu: pgCpu.seconds });
      if (Date.now() - lastReport > 5000) { log(`  committed ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}, hub RSS ${peakRss.toFixed(0)} MB peak`); lastReport = Date.now(); }
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const hubRate = (total - base) / seconds;
    const hubCpu = processCpu() - cpu0;
    await pgCpu.sample();
    await sampler.end();
    const curve = rateCurve(load, curveSegment(total));
    for (const c of curve) {
      log(`  records ${c.from.toLocaleString('en-US')}–${c.to.toLocaleString('en-US')}: ${c.rate.toFixed(0)} records/s in ${c.seconds.toFixed(1)} s; per record hub CPU ${c.hubCpuMsPerRecord.toFixed(3)} ms, PostgreSQL ${c.pgCpuMsPerRecord.toFixed(3)} ms`);
    }
    const [firstPart, lastPart] = [curve[0], lastSegment(load, curveSegment(total))];
    log('waiting for the preliminary indexes the perimeters recompute from these records');
    // Quiet for longer than the perimeters' recompute window, so the last flush has been published.
    // The public facts are read in the register's lane, a consumer group of its own (TopicSpec.lane).
    const settle = (group: string, topic: string) => waitUntilSettled(admin, group, [physicalName(config.TOPIC_PREFIX, topic)], { quietMs: 8000, alive: () => hub.assertRunning() });
    const [indexes, facts] = await Promise.all([
      settle(config.KAFKA_GROUP_ID, Topics.preliminaryIndexes.name), settle(laneGroupId(config.KAFKA_GROUP_ID, Topics.publicFacts.name), Topics.publicFacts.name),
    ]);
    const derived = { end: indexes.end, settledAt: indexes.settledAt > facts.settledAt ? indexes.settledAt : facts.settledAt };
    const endToEndSeconds = Number(derived.settledAt - t0) / 1e9;
    clearInterval(rssSampler);
    const lag = await projectionLag(config.DATABASE_URL, log);
    log('PostgreSQL alone: the stored rows copied server-side into empty tables');
    const ceiling = await postgresCopyRate(config.DATABASE_URL);
    // The kernel's peak (VmHWM) catches what a 100 ms sample can miss.
    if (!external) peakRss = Math.max(peakRss, peakRssMb(hub.pid!));
    // The peer runs after the hub has stopped, so neither takes CPU from the other.
    await hub.stop();
    const peer = process.env.BENCH_SKIP_PEER === 'true' ? undefined : await runPeer(kafka, config, hub.runId, log);
    return [
      { name: `hub ingest${external ? ' (perimeters external)' : ''}, ${total.toLocaleString('en-US')} mixed feed records`, value: hubRate, unit: 'records/s', reference: 'raw kafkajs eachBatch, same topics', referenceValue: raw, ratio: hubRate / raw, target: '>= 20,000/s and ratio >= 0.3' },
      {
        name: `feeds stored and ${derived.end.toLocaleString('en-US')} preliminary indexes scored`, value: (total - base) / endToEndSeconds, unit: 'records/s',
        reference: 'hub ingest alone (row above)', referenceValue: hubRate, ratio: hubRate > 0 ? (total - base) / endToEndSeconds / hubRate : 0,
      },
      ...(firstPart && lastPart && curve.length > 1 ? [{
        name: `ingest rate over the last ${(lastPart.to - lastPart.from).toLocaleString('en-US')} records`, value: lastPart.rate, unit: 'records/s',
        reference: `over the first ${(firstPart.to - firstPart.from).toLocaleString('en-US')}`, referenceValue: firstPart.rate, ratio: firstPart.rate > 0 ? lastPart.rate / firstPart.rate : 0,
        target: 'ratio >= 0.8 over a 5M-record load',
      }] : []),
      {
        name: `PostgreSQL alone, ${ceiling.rows.toLocaleString('en-US')} stored rows copied`, value: ceiling.rate, unit: 'rows/s',
        reference: 'raw kafkajs eachBatch, same topics', referenceValue: raw, ratio: ceiling.rate / raw,
      },
      {
        name: `projection lag p99, ${lag.facts.toLocaleString('en-US')} facts during the load`, value: lag.p99, unit: 's',
        reference: 'projection lag p50, same facts', referenceValue: lag.p50, ratio: lag.p50 > 0 ? lag.p99 / lag.p50 : 0, target: 'p99 < 2 s',
      },
      { name: external ? 'hub + perimeter processes, peak of their summed RSS' : 'hub process peak RSS during ingest', value: peakRss, unit: 'MB', reference: 'limit', referenceValue: 512, ratio: peakRss / 512, target: 'ratio < 1' },
      {
        name: 'hub ingest ÷ PostgreSQL ceiling', value: hubRate, unit: 'records/s',
        reference: 'PostgreSQL alone (server-side copy)', referenceValue: ceiling.rate, ratio: hubRate / ceiling.rate, target: 'ratio >= 0.3',
      },
      {
        name: `hub ingest per core (${hubCpu.toFixed(1)} CPU s in ${seconds.toFixed(1)} s)`, value: hubCpu > 0 ? (total - base) / hubCpu : 0, unit: 'records/s',
        reference: 'hub ingest, wall clock', referenceValue: hubRate, ratio: hubCpu > 0 ? hubCpu / seconds : 0,
      },
      {
        name: `PostgreSQL per core for the hub (${pgCpu.seconds.toFixed(1)} CPU s)`, value: pgCpu.seconds > 0 ? (total - base) / pgCpu.seconds : 0, unit: 'records/s',
        reference: 'hub ingest per core (row above)', referenceValue: hubCpu > 0 ? (total - base) / hubCpu : 0, ratio: hubCpu > 0 ? pgCpu.seconds / hubCpu : 0,
      },
      ...(peer ? peerRows(peer, hubRate, hubCpu > 0 ? (total - base) / hubCpu : 0, peakRss, pgCpu.seconds > 0 ? (total - base) / pgCpu.seconds : 0) : []),
    ];
  } finally {
    await admin.disconnect();
    // The topics go; so does the database, unless BENCH_KEEP=true keeps it (named in the log) to query afterwards.
    if (process.env.BENCH_KEEP === 'true') { await hub.keepDatabase(); log(`  kept database ${hub.database}`); } else await hub.drop();
  }
}

/**
 * The peer (issue #16): Kafka Connect + the Debezium JDBC sink storing a JSON-with-schema copy of
 * the same feed records, upserting each feed into a table of its own (peer_<run>_<feed>) in the hub's
 * database, on the same primary key as the hub's table.
 */
async function runPeer(kafka: Kafka, config: IsolatedHub['config'], runId: string, log: (m: string) => void): Promise<PeerResult> {
  const feeds = peerFeeds(config.TOPIC_PREFIX, runId);
  log('peer: the same feed records copied as JSON-with-schema (not timed)');
  const registry = new AvroRegistry(config.SCHEMA_REGISTRY_URL, { username: config.SCHEMA_REGISTRY_USERNAME, password: config.SCHEMA_REGISTRY_PASSWORD });
  const copy = await copyFeedsAsJson(kafka, registry, feeds, config.KAFKA_REPLICATION_FACTOR);
  log(`peer: Kafka Connect standalone + Debezium JDBC sink, ${copy.records.toLocaleString('en-US')} records into ${feeds.length} tables`);
  const peer = await runConnectPeer({ config, databaseUrl: config.DATABASE_URL, name: `${runId}-peer-jdbc`, feeds, records: copy.records, last: copy.last, log });
  log(`  peer: ${Math.round(peer.rate).toLocaleString('en-US')} records/s over ${peer.seconds.toFixed(1)} s, ${peer.cpuSeconds.toFixed(1)} CPU s, peak RSS ${peer.peakRssMb.toFixed(0)} MB (${peer.heap})`);
  return peer;
}

function peerRows(peer: PeerResult, hubRate: number, hubPerCore: number, hubPeakRss: number, pgPerCoreForHub: number): BenchRow[] {
  const timed = peer.rate * peer.seconds;
  const peerPerCore = peer.cpuSeconds > 0 ? timed / peer.cpuSeconds : 0;
  const pgPerCoreForPeer = peer.pgCpuSeconds > 0 ? timed / peer.pgCpuSeconds : 0;
  return [
    {
      name: 'hub ingest ÷ peer (Connect + Debezium JDBC)', value: hubRate, unit: 'records/s',
      reference: `peer, same ${peer.records.toLocaleString('en-US')} records`, referenceValue: peer.rate, ratio: hubRate / peer.rate, target: 'ratio >= 2',
    },
    { name: 'hub per core ÷ peer per core', value: hubPerCore, unit: 'records/s', reference: 'peer JVM, records/s per core', referenceValue: peerPerCore, ratio: peerPerCore > 0 ? hubPerCore / peerPerCore : 0 },
    {
      name: 'PostgreSQL per core: hub ÷ peer', value: pgPerCoreForHub, unit: 'records/s',
      reference: `peer (${peer.pgCpuSeconds.toFixed(1)} PostgreSQL CPU s)`, referenceValue: pgPerCoreForPeer, ratio: pgPerCoreForPeer > 0 ? pgPerCoreForHub / pgPerCoreForPeer : 0,
    },
    { name: `peer JVM peak RSS (${peer.heap})`, value: peer.peakRssMb, unit: 'MB', reference: 'hub process peak RSS', referenceValue: hubPeakRss, ratio: hubPeakRss > 0 ? peer.peakRssMb / hubPeakRss : 0 },
  ];
}

/**
 * From a feed record stored in its perimeter (storedAt on bpr.facts.v1, stamped after the store
 * committed) to the fact committed in the register's store: measured on every fact of the load.
 */
async function projectionLag(databaseUrl: string, log: (m: string) => void): Promise<{ p50: number; p99: number; facts: number }> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const { rows } = await pool.query<{ p50: number; p99: number; n: string }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM updated_at - stored_at)) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM updated_at - stored_at)) AS p99, count(*) AS n
       FROM register.facts`);
    // The lag through the load, a tenth of its stored facts at a time: a lag that grows from tenth to
    // tenth is a register slower than the perimeters publish, a flat one is the way through.
    const tenths = await pool.query<{ tenth: number; facts: string; seconds: number; p50: number; p99: number }>(
      `SELECT tenth, count(*) AS facts, extract(epoch FROM max(stored_at) - min(stored_at)) AS seconds,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM updated_at - stored_at)) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM updated_at - stored_at)) AS p99
       FROM (SELECT stored_at, updated_at, ntile(10) OVER (ORDER BY stored_at) AS tenth FROM register.facts) f GROUP BY tenth ORDER BY tenth`);
    for (const t of tenths.rows) {
      log(`  projection lag, tenth ${t.tenth} of the facts by store time: ${t.facts} facts stored in ${Number(t.seconds).toFixed(1)} s, lag p50 ${Number(t.p50).toFixed(2)} s, p99 ${Number(t.p99).toFixed(2)} s`);
    }
    return { p50: Number(rows[0].p50 ?? 0), p99: Number(rows[0].p99 ?? 0), facts: Number(rows[0].n) };
  } finally {
    await pool.end();
  }
}
