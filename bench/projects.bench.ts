import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { renderCanonical } from '@hub/eds';
import {
  AvroRegistry, Database, FeedRecord, HubConfig, MessagingClients, TopicAdmin, Topics, connectMessaging, createLogger, loadConfig, physicalName, runMigrations, valueSubject,
} from '@hub/platform';
import {
  InboundEnvelopeVerifier, PROJECTS_MIGRATIONS, ProjectFact, ProjectLifecycle, ProjectsRepository, SignedEnvelope, addCalendarDays, factXml,
  loadLifecycleDeps, parseXmlRoot, readEnvelopes,
} from '@hub/projects';
import { BenchRow, timed } from './bench-support';

const NDIP = '050940000417';
const DAY = '2026-11-30';

/**
 * Signature checks are the EDS bench's subject (eds.bench.ts); here the verifier only parses, so the
 * figure is the lifecycle itself: decode, read the document, decide, write state + history.
 */
const parseOnly: InboundEnvelopeVerifier = { verify: async (e) => ({ ok: true, root: parseXmlRoot(e.document), signerBin: e.senderBin }) };

/** ~20 facts per project: initiative, passport, 8 tasks, a roadmap round with remarks, 8 completions, validation. */
function projectFacts(i: number): ProjectFact[] {
  const id = `B-${i}`;
  let n = 0;
  const f = (x: Record<string, unknown>) => ({ factId: `${id}-${++n}`, projectId: id, ...x }) as unknown as ProjectFact;
  const tasks = Array.from({ length: 8 }, (_, t) => `t${t}`);
  return [
    f({ type: 'InitiativeRegistered', occurredOn: '2026-02-02', initiator: 'akimat', regionKato: `${710 + (i % 17)}000000`, companyBin: null, investment: { amount: String(1_000_000 + (i % 50) * 1_000_000), currency: 'USD' }, jobs: 100 + (i % 600), global2000: i % 7 === 0, highTech: 'MEDIUM', investmentContract: false }),
    f({ type: 'PassportCreated', occurredOn: '2026-02-20', companyBin: null, regionKato: `${710 + (i % 17)}000000`, estimatedCost: { amount: String(1_000_000 + (i % 50) * 1_000_000), currency: 'USD' }, companyRegisteredOn: null, industry: 'x' }),
    ...tasks.map((t, k) => f({ type: 'TaskScheduled', occurredOn: '2026-03-02', taskId: t, stage: 1 + (k % 3), dueOn: addCalendarDays('2026-05-01', k * 20) })),
    f({ type: 'RoadmapSubmitted', occurredOn: '2026-03-10' }), f({ type: 'RoadmapReturned', occurredOn: '2026-03-12', remarks: 'dates' }),
    f({ type: 'RoadmapRemarksFixed', occurredOn: '2026-03-16' }), f({ type: 'RoadmapApproved', occurredOn: '2026-03-20' }),
    ...tasks.map((t, k) => f({ type: 'TaskCompleted', occurredOn: addCalendarDays('2026-04-25', k * 20 + (i % 9)), taskId: t })),
  ];
}

export async function runProjectsBench(log: (m: string) => void): Promise<BenchRow[]> {
  const projects = Number(process.env.BENCH_PROJECTS ?? 2_500);
  const tickProjects = Number(process.env.BENCH_TICK_PROJECTS ?? 100_000);
  const tasksPerProject = Number(process.env.BENCH_TICK_TASKS_PER_PROJECT ?? 20);
  const run = `bproj${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const base = loadConfig();
  const config = loadConfig({ ...process.env, TOPIC_PREFIX: `${run}.`, LOG_LEVEL: 'warn' });
  const adminPool = new Pool({ connectionString: base.DATABASE_URL, max: 1 });
  await adminPool.query(`CREATE DATABASE "hub_${run}"`);
  const u = new URL(base.DATABASE_URL);
  u.pathname = `/hub_${run}`;
  await runMigrations(u.toString(), PROJECTS_MIGRATIONS);
  const db = new Database(u.toString(), 6);
  const repo = new ProjectsRepository(db);
  const lifecycle = new ProjectLifecycle(repo, loadLifecycleDeps(), createLogger('warn'));
  const logger = createLogger('warn');
  // BENCH_PROJECTS=0 measures the tick alone (PostgreSQL only).
  const clients = projects > 0 ? await connectMessaging(config, logger, '-bench') : null;
  const rows: BenchRow[] = [];
  try {
    if (clients) rows.push(await lifecycleThroughput(clients, config, projects, lifecycle, db, log));
    // ---- the daily tick over many projects and tasks ----
    log(`projects: tick over ${tickProjects.toLocaleString('en-US')} projects × ${tasksPerProject} tasks (BENCH_TICK_PROJECTS)`);
    await db.query('TRUNCATE projects.project, projects.task, projects.event, projects.deadline, projects.applied_fact');
    await db.query(
      `INSERT INTO projects.project (project_id, version, module, stage, region_kato, pool, state)
       SELECT 'T-' || g, 1, 'M2_IMPLEMENTATION', 'WITH_ROADMAP', (710 + g % 17)::text || '000000', 'NATIONWIDE', '{}'::jsonb FROM generate_series(1, $1::int) g`, [tickProjects]);
    await db.query(
      `INSERT INTO projects.task (project_id, task_id, region_kato, stage, due_on, completed_on)
       SELECT 'T-' || p, 't' || t, (710 + p % 17)::text || '000000', 1 + t % 3, $2::date + ((p * 7 + t * 13) % 400 - 100), CASE WHEN (p + t) % 5 = 0 THEN $2::date - 30 END
         FROM generate_series(1, $1::int) p, generate_series(1, $3::int) t`, [tickProjects, DAY, tasksPerProject]);
    await db.query('ANALYZE projects.task');
    // The first tick gives every task its first color (silently); the measured one is a day later.
    const firstTick = await timed(() => lifecycle.tickDay(addCalendarDays(DAY, -1)));
    log(`projects: first tick (every task's first color) ${firstTick.seconds.toFixed(2)} s`);
    const { result, seconds } = await timed(() => lifecycle.tickDay(DAY));
    log(`projects: tick emitted ${result.colorEvents.toLocaleString('en-US')} color changes in ${seconds.toFixed(2)} s`);
    const readTime = await timed(() => db.query('SELECT count(*) FROM projects.task WHERE completed_on IS NULL'));
    rows.push({ name: `projects daily tick (${tickProjects} proj, ${tickProjects * tasksPerProject} tasks)`, value: seconds, unit: 's', reference: 'one scan counting the open tasks', referenceValue: readTime.seconds, ratio: seconds / readTime.seconds, target: '< 10 s' });
    return rows;
  } finally {
    await db.close();
    await adminPool.query(`DROP DATABASE IF EXISTS "hub_${run}" WITH (FORCE)`);
    await adminPool.end();
    if (clients) {
      const admin = clients.kafka.admin();
      await admin.connect();
      const mine = (await admin.listTopics()).filter((t) => t.startsWith(`${run}.`));
      if (mine.length > 0) await admin.deleteTopics({ topics: mine }).catch(() => undefined);
      await admin.disconnect();
      await clients.close();
    }
  }
}

/** Facts/s through Kafka into the lifecycle, beside a raw consume of the same topic in the same run. */
async function lifecycleThroughput(clients: MessagingClients, config: HubConfig, projects: number, lifecycle: ProjectLifecycle, db: Database, log: (m: string) => void): Promise<BenchRow> {
  const kafka = clients.kafka;
  const run = config.TOPIC_PREFIX.replace(/\.$/, '');
    const admin = kafka.admin();
  await admin.connect();
  await new TopicAdmin(admin, { prefix: config.TOPIC_PREFIX, replicationFactor: 1, minInsyncReplicas: 1 }).ensure([Topics.projectEvents]);
  await admin.disconnect();
  const topic = physicalName(config.TOPIC_PREFIX, Topics.projectEvents.name);
  await clients.registry.register(valueSubject(topic), AvroRegistry.readSchemaFile(Topics.projectEvents.valueSchema));
  log(`projects: publishing ${projects.toLocaleString('en-US')} projects × ~20 facts (BENCH_PROJECTS; the issue's full size is 100000)`);
  const issuedAt = new Date();
  let total = 0;
  for (let i = 0; i < projects; i += 500) {
    const batch: Array<{ key: string; value: SignedEnvelope }> = [];
    for (let p = i; p < Math.min(projects, i + 500); p++) {
      for (const f of projectFacts(p)) {
        batch.push({ key: f.projectId, value: { messageId: f.factId, correlationId: null, type: 'ProjectEvent', issuedAt: issuedAt.getTime(), senderBin: NDIP, document: renderCanonical(factXml(f, { senderBin: NDIP, issuedAt })) } });
      }
    }
    await clients.publisher.publish(Topics.projectEvents, batch);
    total += batch.length;
  }
  const consumeAll = async (group: string, onBatch: (records: FeedRecord<SignedEnvelope>[], raw: number) => Promise<number>): Promise<number> => {
    const consumer = kafka.consumer({ groupId: `${run}-${group}`, maxBytesPerPartition: 1024 * 1024 });
    let done = 0;
    const { seconds } = await timed(async () => {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer.run({
          partitionsConsumedConcurrently: 3,
          eachBatch: async ({ batch }) => {
            const records: FeedRecord<SignedEnvelope>[] = group === 'raw' ? [] : await Promise.all(batch.messages.map(async (m) => ({
              topic, partition: batch.partition, offset: m.offset, key: m.key?.toString() ?? null, timestamp: m.timestamp, raw: Buffer.alloc(0), headers: {},
              value: (await clients.registry.decode(m.value)) as SignedEnvelope,
            })));
            done += await onBatch(records, batch.messages.length);
            if (process.env.BENCH_DEBUG) log(`  ${group}: p${batch.partition} ${done}/${total}`);
            if (done >= total) resolve();
          },
        }).catch(reject);
      });
    });
    await consumer.disconnect();
    return total / seconds;
  };
  log(`projects: raw consume of ${total.toLocaleString('en-US')} records`);
  const raw = await consumeAll('raw', async (_r, n) => n);
  log('projects: lifecycle (decode, read envelope, decide, store state + history)');
  const applied = await consumeAll('lifecycle', async (records) => {
    const { facts } = await readEnvelopes(records, parseOnly);
    await lifecycle.apply(facts, new Date(`${DAY}T12:00:00+05:00`));
    return records.length;
  });
  const events = Number((await db.query<{ n: string }>('SELECT count(*)::text n FROM projects.event'))[0].n);
  log(`projects: ${events.toLocaleString('en-US')} status events recorded`);
  return { name: `projects lifecycle via Kafka (${projects} proj)`, value: applied, unit: 'facts/s', reference: 'raw consume of the same topic', referenceValue: raw, ratio: applied / raw, target: '>= 0.2' };
}
