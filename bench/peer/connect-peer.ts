import { ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { AvroRegistry, DecodeError, HubConfig, TopicSpec, Topics, physicalName, projectRoot } from '@hub/platform';
import { AvroRecordSchema, PeerTable, connectRecord, peerTable, tableDdl } from './connect-json';
import { BackendCpu, cpuSeconds, peakRssMb } from './proc-stats';
import { freePort } from '../../tools/support/free-port';

/** What the peer did: records/s from its first stored row to the last record of every partition. */
export interface PeerResult { records: number; rate: number; seconds: number; peakRssMb: number; cpuSeconds: number; pgCpuSeconds: number; heap: string }

/** Table -> partition -> offset of the partition's last record. */
type LastRecords = Map<string, Map<number, string>>;

const run = promisify(execFile);

/** The primary key of each feed's table in the hub (its migrations), which the peer upserts on. */
export const PEER_FEEDS: ReadonlyArray<{ spec: TopicSpec; primaryKey: string[] }> = [
  { spec: Topics.justiceLegalEntities, primaryKey: ['bin'] },
  { spec: Topics.taxFacts, primaryKey: ['id'] },
  { spec: Topics.taxFinancials, primaryKey: ['id', 'fiscalYear'] },
  { spec: Topics.taxLists, primaryKey: ['id', 'list', 'includedOn'] },
  { spec: Topics.statisticsEntities, primaryKey: ['id'] },
  { spec: Topics.courtCivilCases, primaryKey: ['partyId', 'caseNumber'] },
  { spec: Topics.utilityArrears, primaryKey: ['id', 'supplierBin', 'serviceKind', 'billingPeriod'] },
];

/** One feed as the peer sees it: the hub's source topic, the peer's JSON topic (also its table's name). */
export interface PeerFeed { source: string; topic: string; partitions: number; table: PeerTable }

export function peerFeeds(prefix: string, runId: string): PeerFeed[] {
  return PEER_FEEDS.map(({ spec, primaryKey }) => {
    // Lower case, no dots: the sink names each table after its topic (collection.name.format=${topic}).
    const topic = `peer_${runId}_${spec.name.replace(/[.-]/g, '_')}`.toLowerCase();
    const schema = JSON.parse(AvroRegistry.readSchemaFile(spec.valueSchema!)) as AvroRecordSchema;
    return { source: physicalName(prefix, spec.name), topic, partitions: spec.partitions, table: peerTable(topic, schema, primaryKey) };
  });
}

/**
 * Copies every feed record into the peer's topics as JSON-with-schema: same partition, same order.
 * Returns the position of the last record of each partition, by which the peer's completion is seen
 * (an update does not change the row count; the last record for its key is the row's final state).
 */
export async function copyFeedsAsJson(kafka: Kafka, registry: AvroRegistry, feeds: PeerFeed[], replicationFactor: number): Promise<{ records: number; last: LastRecords }> {
  const admin = kafka.admin();
  await admin.connect();
  let end = 0;
  try {
    await admin.createTopics({ waitForLeaders: true, topics: feeds.map((f) => ({ topic: f.topic, numPartitions: f.partitions, replicationFactor })) });
    for (const f of feeds) end += (await admin.fetchTopicOffsets(f.source)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
  const last: LastRecords = new Map(feeds.map((f) => [f.table.table, new Map<number, string>()]));
  if (end === 0) return { records: 0, last };
  const bySource = new Map(feeds.map((f) => [f.source, f]));
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId: `${feeds[0].topic}-copy`, maxBytesPerPartition: 4 * 1024 * 1024 });
  await Promise.all([producer.connect(), consumer.connect()]);
  let copied = 0;
  let skipped = 0;
  let done!: () => void;
  let failed!: (e: Error) => void;
  const finished = new Promise<void>((resolve, reject) => { done = resolve; failed = reject; });
  try {
    await consumer.subscribe({ topics: feeds.map((f) => f.source), fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch }) => {
        try {
          const feed = bySource.get(batch.topic)!;
          const messages = [];
          let lastOffset: string | undefined;
          for (const m of batch.messages) {
            // A record the hub dead-letters (not Avro of this feed) has no typed copy: the peer never sees it.
            const value = await registry.decode(m.value).catch((e: unknown) => { if (e instanceof DecodeError) return undefined; throw e; });
            if (value === undefined) { skipped++; continue; }
            messages.push({ partition: batch.partition, ...connectRecord(feed.table, value as Record<string, unknown>, { partition: batch.partition, offset: m.offset }) });
            lastOffset = m.offset;
          }
          await sendInChunks(producer, feed.topic, messages);
          if (lastOffset !== undefined) last.get(feed.table.table)!.set(batch.partition, lastOffset);
          copied += messages.length;
          if (copied + skipped >= end) done();
        } catch (error) {
          failed(error as Error);
        }
      },
    });
    await finished;
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
  return { records: copied, last };
}

/**
 * Uncompressed like the feed topics, so one produce batch must stay under the broker's 1 MB message
 * limit: the JSON envelope repeats its schema in every record.
 */
async function sendInChunks(producer: Producer, topic: string, messages: Array<{ partition: number; key: string; value: string }>): Promise<void> {
  let chunk: typeof messages = [];
  let bytes = 0;
  for (const m of messages) {
    if (bytes + m.key.length + m.value.length > 600_000 && chunk.length > 0) {
      await producer.send({ topic, messages: chunk, acks: -1 });
      chunk = [];
      bytes = 0;
    }
    chunk.push(m);
    bytes += m.key.length + m.value.length;
  }
  if (chunk.length > 0) await producer.send({ topic, messages: chunk, acks: -1 });
}

const jdbcUrl = (databaseUrl: string) => {
  const u = new URL(databaseUrl);
  return { url: `jdbc:postgresql://${u.hostname}:${u.port || 5432}${u.pathname}`, user: decodeURIComponent(u.username || 'postgres'), password: decodeURIComponent(u.password) || 'unused' };
};

/**
 * Kafka Connect standalone with the Debezium JDBC sink, as INFRA-NOTES.md describes the run that
 * measured 21.6k–31.1k records/s: tasks.max 2, batch.size 5000, upsert on the primary key, the
 * reduction buffer on. Its own topic, consumer group, offsets file and REST port; the shared broker.
 */
export async function runConnectPeer(o: {
  config: HubConfig; databaseUrl: string; name: string; feeds: PeerFeed[]; records: number; last: LastRecords; log: (m: string) => void;
}): Promise<PeerResult> {
  const root = projectRoot();
  await run('bash', [path.join(root, 'infra', 'peer.sh'), 'fetch'], { maxBuffer: 16 * 1024 * 1024 });
  const stack = path.join(root, '.local-stack');
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-peer-'));
  const db = jdbcUrl(o.databaseUrl);
  const pool = new Pool({ connectionString: o.databaseUrl, max: 1 });
  let jvm: ChildProcess | undefined;
  const logFile = path.join(dir, 'connect.log');
  const heap = process.env.BENCH_PEER_HEAP ?? '-Xms256M -Xmx2G'; // connect-standalone.sh's own default
  try {
    // Created up front: two tasks racing to create a table log a duplicate-key warning.
    for (const f of o.feeds) await pool.query(tableDdl(f.table));
    const port = await freePort();
    writeFileSync(path.join(dir, 'worker.properties'), [
      `bootstrap.servers=${o.config.KAFKA_BROKERS.join(',')}`,
      'key.converter=org.apache.kafka.connect.json.JsonConverter',
      'key.converter.schemas.enable=true',
      'value.converter=org.apache.kafka.connect.json.JsonConverter',
      'value.converter.schemas.enable=true',
      `offset.storage.file.filename=${path.join(dir, 'connect.offsets')}`,
      'offset.flush.interval.ms=1000',
      `plugin.path=${path.join(stack, 'connect-plugins')}`,
      'plugin.discovery=service_load',
      `listeners=http://127.0.0.1:${port}`,
      'consumer.max.poll.records=5000',
      'consumer.max.partition.fetch.bytes=4194304',
      'consumer.auto.offset.reset=earliest',
    ].join('\n'));
    writeFileSync(path.join(dir, 'sink.properties'), [
      `name=${o.name}`,
      'connector.class=io.debezium.connector.jdbc.JdbcSinkConnector',
      'tasks.max=2',
      `topics=${o.feeds.map((f) => f.topic).join(',')}`,
      `connection.url=${db.url}`,
      `connection.username=${db.user}`,
      `connection.password=${db.password}`,
      'insert.mode=upsert',
      'primary.key.mode=record_key',
      'schema.evolution=basic',
      'batch.size=5000',
      'use.reduction.buffer=true',
      'collection.name.format=${topic}',
    ].join('\n'));
    const out = openSync(logFile, 'w');
    jvm = spawn('java', [...heap.split(' ').filter(Boolean), '-XX:+UseG1GC', `-Dlog4j.configuration=file:${path.join(root, 'infra', 'peer', 'connect-log4j.properties')}`,
      '-cp', `${path.join(stack, 'connect-libs')}/*`, 'org.apache.kafka.connect.cli.ConnectStandalone', path.join(dir, 'worker.properties'), path.join(dir, 'sink.properties')],
    { stdio: ['ignore', out, out] });
    closeSync(out);
    const pid = jvm.pid!;
    const alive = () => {
      if (jvm!.exitCode !== null || jvm!.signalCode !== null) throw new Error(`Kafka Connect exited (${jvm!.exitCode ?? jvm!.signalCode}):\n${tail(logFile)}`);
    };
    const expected = [...o.last.values()].reduce((n, m) => n + m.size, 0);
    const lastOf = (table: string) => [...o.last.get(table)!.entries()];
    const landed = async () => {
      let n = 0;
      for (const f of o.feeds) {
        const last = lastOf(f.table.table);
        n += Number((await pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM ${f.table.table} WHERE (source_partition, source_offset) IN (SELECT * FROM unnest($1::int[], $2::bigint[]))`,
          [last.map(([p]) => p), last.map(([, offset]) => offset)])).rows[0].n);
      }
      return n;
    };
    const rowCount = `SELECT ${o.feeds.map((f) => `(SELECT count(*) FROM ${f.table.table})`).join(' + ')} AS n`;
    let t0 = 0n;
    let base = 0;
    let cpu0 = 0;
    const pgCpu = new BackendCpu((sql, params) => pool.query(sql, params), new URL(o.databaseUrl).pathname.slice(1));
    let lastReport = Date.now();
    let lastProgress = Date.now();
    let rows = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      alive();
      const now = Number((await pool.query<{ n: string }>(rowCount)).rows[0].n);
      if (t0 === 0n && now > 0) { t0 = process.hrtime.bigint(); base = now; cpu0 = cpuSeconds(pid); await pgCpu.start(); } else if (t0 !== 0n) await pgCpu.sample();
      if (now !== rows) { rows = now; lastProgress = Date.now(); }
      if (t0 !== 0n && (await landed()) === expected) break;
      if (Date.now() - lastReport > 5000) { o.log(`  peer rows ${rows.toLocaleString('en-US')}, JVM peak RSS ${peakRssMb(pid).toFixed(0)} MB`); lastReport = Date.now(); }
      if (Date.now() - lastProgress > 180_000) throw new Error(`the peer stored nothing for 180 s:\n${await taskStatus(port, o.name)}\n${tail(logFile)}`);
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = cpuSeconds(pid) - cpu0;
    await pgCpu.sample();
    const result = { records: o.records, rate: (o.records - base) / seconds, seconds, peakRssMb: peakRssMb(pid), cpuSeconds: cpu, pgCpuSeconds: pgCpu.seconds, heap };
    return result;
  } finally {
    if (jvm && jvm.exitCode === null && jvm.signalCode === null) {
      const exited = new Promise((r) => jvm!.once('exit', r));
      jvm.kill('SIGTERM');
      const timer = setTimeout(() => jvm!.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    await pool.end();
    if (process.env.BENCH_KEEP_PEER_LOG !== 'true') rmSync(dir, { recursive: true, force: true });
    else o.log(`  peer log kept in ${logFile}`);
  }
}

async function taskStatus(port: number, name: string): Promise<string> {
  return fetch(`http://127.0.0.1:${port}/connectors/${encodeURIComponent(name)}/status`).then((r) => r.text(), (e: Error) => `status unavailable: ${e.message}`);
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no Connect log)';
  }
}
