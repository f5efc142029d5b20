import 'reflect-metadata';
import { createWriteStream, WriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { sourceOfTopic } from '@hub/feed-status';
import {
  ALL_TOPICS, AvroRegistry, MessagingClients, OutgoingRecord, TopicAdmin, TopicSpec, connectMessaging, createLogger, loadConfig,
  physicalName, valueSubject,
} from '@hub/platform';
import { FEED_GENERATORS, World, entityFeedRecords, outcomeLine, populationStream, worldNamed } from '@hub/synthetic';

const USAGE = 'usage: feeds-generate --entities N --seed S [--outcomes path.jsonl] [--world base|heterogeneous] [--feeds justice,tax,...] [--batch 2000] [--in-flight 6] [--now ISO]';

/**
 * Generates a synthetic population and publishes every feed about it through Kafka in batches:
 * several produce requests in flight, never one record at a time. Optional: the hidden outcomes
 * (risk propensities and what later happened) as JSONL, to measure scoring quality against.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      entities: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' }, outcomes: { type: 'string' },
      feeds: { type: 'string' }, batch: { type: 'string', default: '2000' }, 'in-flight': { type: 'string', default: '6' },
      now: { type: 'string' }, world: { type: 'string', default: 'base' }, help: { type: 'boolean' },
    },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const count = Number(values.entities);
  const seed = Number(values.seed);
  const batchSize = Number(values.batch);
  const maxInFlight = Number(values['in-flight']);
  const now = values.now ? new Date(values.now) : new Date();
  const world = worldNamed(values.world);
  if (![count, seed, batchSize, maxInFlight].every((n) => Number.isInteger(n) && n >= 0) || Number.isNaN(now.getTime())) throw new Error(USAGE);

  const wanted = values.feeds?.split(',').map((s) => s.trim()).filter(Boolean);
  const generators = FEED_GENERATORS.filter((g) => !wanted || wanted.includes(g.topic) || wanted.includes(sourceOfTopic(g.topic) ?? ''));
  if (generators.length === 0) throw new Error(`no feed generator matches --feeds ${values.feeds}`);
  const specs = new Map<string, TopicSpec>();
  for (const g of generators) {
    const spec = ALL_TOPICS.find((t) => t.name === g.topic);
    if (!spec) throw new Error(`feed generator topic ${g.topic} is not in the topic catalog`);
    specs.set(g.topic, spec);
  }

  const config = loadConfig();
  const clients = await connectMessaging(config, createLogger('warn'), '-feeds-generate');
  const outcomes = values.outcomes ? createWriteStream(values.outcomes) : undefined;
  try {
    await provision(clients, config.TOPIC_PREFIX, [...specs.values()], config.KAFKA_REPLICATION_FACTOR, config.KAFKA_MIN_INSYNC_REPLICAS, config.KAFKA_TOPIC_PARTITIONS_MAX);
    const stats = await publishAll(clients, generators, specs, { count, seed, now, batchSize, maxInFlight, outcomes, world });
    process.stdout.write(`${JSON.stringify({ ...stats, seed, world: world.name, topics: Object.fromEntries([...stats.perTopic].map(([t, n]) => [physicalName(config.TOPIC_PREFIX, t), n])), perTopic: undefined })}\n`);
  } finally {
    if (outcomes) await new Promise<void>((resolve) => outcomes.end(resolve));
    await clients.close();
  }
}

/** The hub provisions on start; doing it here too lets the generator run first (both are idempotent). */
async function provision(clients: MessagingClients, prefix: string, specs: TopicSpec[], replicationFactor: number, minInsyncReplicas: number, maxPartitions?: number): Promise<void> {
  const admin = clients.kafka.admin();
  await admin.connect();
  try {
    await new TopicAdmin(admin, { prefix, replicationFactor, minInsyncReplicas, maxPartitions }).ensure(specs);
  } finally {
    await admin.disconnect();
  }
  for (const spec of specs) {
    if (spec.valueSchema) await clients.registry.register(valueSubject(physicalName(prefix, spec.name)), AvroRegistry.readSchemaFile(spec.valueSchema));
  }
}

interface RunOptions { count: number; seed: number; now: Date; batchSize: number; maxInFlight: number; outcomes?: WriteStream; world: World }

async function publishAll(
  clients: MessagingClients,
  generators: typeof FEED_GENERATORS,
  specs: Map<string, TopicSpec>,
  o: RunOptions,
): Promise<{ entities: number; records: number; seconds: number; entitiesPerSecond: number; recordsPerSecond: number; perTopic: Map<string, number> }> {
  const buffers = new Map<string, OutgoingRecord[]>([...specs.keys()].map((t) => [t, []]));
  const perTopic = new Map<string, number>([...specs.keys()].map((t) => [t, 0]));
  const inFlight = new Set<Promise<void>>();
  let failure: Error | undefined;
  let entities = 0;
  let records = 0;
  const started = Date.now();

  const dispatch = async (topic: string) => {
    const batch = buffers.get(topic)!;
    if (batch.length === 0) return;
    buffers.set(topic, []);
    const send = clients.publisher.publish(specs.get(topic)!, batch)
      .then(() => { records += batch.length; perTopic.set(topic, perTopic.get(topic)! + batch.length); })
      .catch((error: unknown) => { failure ??= error instanceof Error ? error : new Error(String(error)); })
      .finally(() => inFlight.delete(send));
    inFlight.add(send);
    while (inFlight.size >= o.maxInFlight) await Promise.race(inFlight);
    if (failure) throw failure;
  };

  const progress = setInterval(() => printProgress(entities, o.count, records, started), 500);
  try {
    for (const entity of populationStream(o.count, o.seed, 0, o.world)) {
      for (const r of entityFeedRecords(entity, generators, o.seed, o.now)) {
        const buffer = buffers.get(r.topic)!;
        buffer.push({ key: r.key, value: r.value });
        if (buffer.length >= o.batchSize) await dispatch(r.topic);
      }
      if (o.outcomes && !o.outcomes.write(`${outcomeLine(entity)}\n`)) await new Promise<void>((r) => o.outcomes!.once('drain', () => r()));
      entities++;
    }
    for (const topic of buffers.keys()) await dispatch(topic);
    await Promise.all(inFlight);
    if (failure) throw failure;
  } finally {
    clearInterval(progress);
  }
  printProgress(entities, o.count, records, started);
  process.stderr.write('\n');
  const seconds = (Date.now() - started) / 1000;
  return { entities, records, seconds, entitiesPerSecond: Math.round(entities / seconds), recordsPerSecond: Math.round(records / seconds), perTopic };
}

function printProgress(entities: number, total: number, records: number, started: number): void {
  const seconds = Math.max((Date.now() - started) / 1000, 0.001);
  const rate = entities / seconds;
  const eta = rate > 0 ? Math.round((total - entities) / rate) : 0;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  process.stderr.write(
    `\rentities ${fmt(entities)}/${fmt(total)} (${total ? ((100 * entities) / total).toFixed(1) : '100.0'}%)  ` +
    `${fmt(rate)} entities/s  ${fmt(records / seconds)} records/s (sent)  ETA ${Math.floor(eta / 60)}:${String(eta % 60).padStart(2, '0')}   `,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`\nfeeds-generate failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
