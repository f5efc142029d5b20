import { sign as rawSign, verify as rawVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Pool } from 'pg';
import { EdsRuntime, RsaSha256Signer, XmlDocumentSigner, loadPkcs12 } from '@hub/eds';
import { AvroRegistry, Database, FeedRecord, MessagingClients, TopicAdmin, Topics, connectMessaging, createLogger, physicalName, valueSubject } from '@hub/platform';
import {
  EdsEnvelopeVerifier, EdsStatusSigner, ProjectFact, ProjectsRepository, STATUS_DOCUMENT_TYPE, SignedEnvelope, StoredEvent, addCalendarDays, factXml, readEnvelopes, statusXml,
} from '@hub/projects';
import { IsolatedHub } from '../tools/support/isolated-hub';
import { HUB_NODE_ARGS } from '../tools/support/run-node';
import { BenchRow } from './bench-support';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

/** ~20 facts per project: initiative, passport, 8 tasks, a roadmap round with remarks, 8 completions. */
export function projectFacts(i: number, perProject: number, prefix = 'B'): ProjectFact[] {
  const id = `${prefix}-${i}`;
  let n = 0;
  const f = (x: Record<string, unknown>) => ({ factId: `${id}-${++n}`, projectId: id, ...x }) as unknown as ProjectFact;
  // 6 fixed facts + 2 per task: 20 facts are 7 tasks; other sizes keep the shape with fewer or more tasks.
  const tasks = Array.from({ length: Math.max(1, Math.round((perProject - 6) / 2)) }, (_, t) => `t${t}`);
  return [
    f({ type: 'InitiativeRegistered', occurredOn: '2026-02-02', initiator: 'akimat', regionKato: `${710 + (i % 17)}000000`, companyBin: null, investment: { amount: String(1_000_000 + (i % 50) * 1_000_000), currency: 'USD' }, jobs: 100 + (i % 600), global2000: i % 7 === 0, highTech: 'MEDIUM', investmentContract: false }),
    f({ type: 'PassportCreated', occurredOn: '2026-02-20', companyBin: null, regionKato: `${710 + (i % 17)}000000`, estimatedCost: { amount: String(1_000_000 + (i % 50) * 1_000_000), currency: 'USD' }, companyRegisteredOn: null, industry: 'x' }),
    ...tasks.map((t, k) => f({ type: 'TaskScheduled', occurredOn: '2026-03-02', taskId: t, stage: 1 + (k % 3), dueOn: addCalendarDays('2026-05-01', k * 20) })),
    f({ type: 'RoadmapSubmitted', occurredOn: '2026-03-10' }), f({ type: 'RoadmapReturned', occurredOn: '2026-03-12', remarks: 'dates' }),
    f({ type: 'RoadmapRemarksFixed', occurredOn: '2026-03-16' }), f({ type: 'RoadmapApproved', occurredOn: '2026-03-20' }),
    ...tasks.map((t, k) => f({ type: 'TaskCompleted', occurredOn: addCalendarDays('2026-04-25', k * 20 + (i % 9)), taskId: t })),
  ];
}

/**
 * NDIP's side, before any timing: every fact signed with NDIP's key (dev PKI) and produced to the
 * isolated hub's `ndip.projects.events.v1`, in chunks so each record's append time stays within
 * the freshness window of its signed issuedAt.
 */
async function produceSignedFacts(hub: IsolatedHub, clients: MessagingClients, projects: number, perProject: number, log: (m: string) => void): Promise<{ total: number; signPerSecond: number; sample: SignedEnvelope[] }> {
  const pki = hub.pki!;
  const key = loadPkcs12(readFileSync(pki.keys.ndip), pki.password);
  const ndip = new XmlDocumentSigner(new RsaSha256Signer(key.privateKey, key.certificate.der));
  const senderBin = pki.identities.ndipBin;
  let total = 0;
  let signing = 0;
  const sample: SignedEnvelope[] = [];
  let lastLog = Date.now();
  for (let i = 0; i < projects; i += 250) {
    const batch: Array<{ key: string; value: SignedEnvelope }> = [];
    const t0 = process.hrtime.bigint();
    for (let p = i; p < Math.min(projects, i + 250); p++) {
      for (const f of projectFacts(p, perProject)) {
        const issuedAt = new Date();
        batch.push({ key: f.projectId, value: { messageId: f.factId, correlationId: null, type: 'ProjectEvent', issuedAt: issuedAt.getTime(), senderBin, document: await ndip.sign(factXml(f, { senderBin, issuedAt })) } });
      }
    }
    signing += seconds(t0);
    // a signed fact carries NDIP's certificate (~3 KB): slices keep a produce request under the broker's limit
    for (let k = 0; k < batch.length; k += 400) await clients.publisher.publish(Topics.projectEvents, batch.slice(k, k + 400));
    if (sample.length < 2000) sample.push(...batch.slice(0, 2000 - sample.length).map((b) => b.value));
    total += batch.length;
    if (Date.now() - lastLog > 10_000) { log(`  signed and produced ${total.toLocaleString('en-US')}`); lastLog = Date.now(); }
  }
  return { total, signPerSecond: total / signing, sample };
}

/** A plain kafkajs consume of the topic, timed from the first batch received to the last record (the group join is not consume). */
async function rawConsume(clients: MessagingClients, topic: string, group: string, total: number): Promise<number> {
  const consumer = clients.kafka.consumer({ groupId: group, maxBytesPerPartition: 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let done = 0;
  let first = 0;
  let t0 = 0n;
  let elapsed = 0;
  await new Promise<void>((resolve, reject) => {
    consumer.run({
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch }) => {
        if (done === 0) { t0 = process.hrtime.bigint(); first = batch.messages.length; }
        done += batch.messages.length;
        if (done >= total) { elapsed = seconds(t0); resolve(); }
      },
    }).catch(reject);
  });
  await consumer.disconnect();
  return (total - first) / elapsed;
}

/**
 * The physical ceiling on this machine, measured in this run with the hub's own code and keys:
 * one inbound fact costs one full-checklist verification (EdsEnvelopeVerifier: chain, CRL,
 * digest, RSA, signed header = envelope), each status event one signature (EdsStatusSigner).
 */
async function cryptoCost(hub: IsolatedHub, sample: readonly SignedEnvelope[], events: readonly StoredEvent[]): Promise<{ verifyMs: number; signMs: number; rsaSignMs: number; rsaVerifyMs: number }> {
  const env = hub.env;
  const rt = await EdsRuntime.create({
    keyFile: env.EDS_KEY_FILE!, keyPassword: readFileSync(env.EDS_KEY_PASSWORD_FILE!, 'utf8').trim(), trustAnchors: [env.EDS_TRUST_ANCHORS!],
    intermediates: [env.EDS_INTERMEDIATES!], crls: env.EDS_CRLS!.split(','), ocspResponders: [],
  });
  const verifier = new EdsEnvelopeVerifier(rt.documentVerifier(), { allowedSenders: new Set(hub.config.NDIP_SENDER_BINS), windowMs: 1e12 });
  const signer = new EdsStatusSigner(rt.documentSigner, rt.identity.bin!);
  const now = new Date();
  const records = sample.map((value, i): FeedRecord<SignedEnvelope> => ({ topic: 't', partition: 0, offset: String(i), key: null, timestamp: String(now.getTime()), raw: Buffer.alloc(0), headers: {}, value }));
  await readEnvelopes(records.slice(0, 50), verifier); // warm-up: JIT, the chain cache, the CRLs
  let t0 = process.hrtime.bigint();
  const { facts } = await readEnvelopes(records, verifier);
  if (facts.length !== records.length) throw new Error(`crypto sample: ${records.length - facts.length} of ${records.length} facts did not verify`);
  const verifyMs = (seconds(t0) * 1000) / records.length;
  const sign = (e: StoredEvent) => signer.sign(statusXml(e, { senderBin: signer.senderBin, issuedAt: e.recordedAt }), { messageId: e.eventId, type: STATUS_DOCUMENT_TYPE, issuedAt: e.recordedAt });
  for (const e of events.slice(0, 50)) await sign(e);
  t0 = process.hrtime.bigint();
  for (const e of events) await sign(e);
  const signMs = (seconds(t0) * 1000) / events.length;
  // The RSA operations alone (node:crypto, one at a time on this thread): the part no code change removes.
  const key = loadPkcs12(readFileSync(env.EDS_KEY_FILE!), readFileSync(env.EDS_KEY_PASSWORD_FILE!, 'utf8').trim());
  const data = Buffer.from(sample[0].document);
  const signature = rawSign('sha256', data, key.privateKey);
  const publicKey = key.certificate.publicKey;
  t0 = process.hrtime.bigint();
  for (let i = 0; i < 500; i++) rawSign('sha256', data, key.privateKey);
  const rsaSignMs = (seconds(t0) * 1000) / 500;
  t0 = process.hrtime.bigint();
  for (let i = 0; i < 2000; i++) rawVerify('sha256', data, publicKey, signature);
  const rsaVerifyMs = (seconds(t0) * 1000) / 2000;
  return { verifyMs, signMs, rsaSignMs, rsaVerifyMs };
}

interface HubRun { factsPerSecond: number; eventsPerSecond: number; events: number; refused: number; applySeconds: number; publishSeconds: number }

/** Waits for every fact taken and every status event published, then reads the span from the hub's own timestamps. */
async function watchHub(hub: IsolatedHub, pg: Pool, total: number, log: (m: string) => void): Promise<HubRun> {
  let lastLog = Date.now();
  const deadline = Date.now() + Number(process.env.BENCH_PROJECTS_TIMEOUT_S ?? 7200) * 1000;
  for (;;) {
    hub.assertRunning();
    const [taken, open] = await Promise.all([
      pg.query<{ n: string }>('SELECT count(*)::text n FROM projects.applied_fact').then((r) => Number(r.rows[0].n), () => 0),
      pg.query<{ n: string }>('SELECT count(*)::text n FROM projects.event WHERE published_at IS NULL').then((r) => Number(r.rows[0].n), () => 1),
    ]);
    if (Date.now() - lastLog > 10_000) { log(`  facts taken ${taken.toLocaleString('en-US')}/${total.toLocaleString('en-US')}, status events unpublished ${open.toLocaleString('en-US')}`); lastLog = Date.now(); }
    if (taken >= total && open === 0) break;
    if (Date.now() > deadline) throw new Error(`the hub took ${taken}/${total} facts before the timeout (BENCH_PROJECTS_TIMEOUT_S)`);
    await sleep(250);
  }
  // received_at is its batch transaction's start: the facts of the first batch are excluded from the count.
  const { rows: [r] } = await pg.query<{ t0: Date; first: string; applied: Date; published: Date; events: string; refused: string }>(`
    SELECT (SELECT min(received_at) FROM projects.applied_fact) t0,
           (SELECT count(*) FROM projects.applied_fact WHERE received_at = (SELECT min(received_at) FROM projects.applied_fact))::text first,
           (SELECT max(received_at) FROM projects.applied_fact) applied,
           (SELECT max(published_at) FROM projects.event) published,
           (SELECT count(*) FROM projects.event)::text events,
           (SELECT count(*) FROM projects.applied_fact WHERE outcome = 'REFUSED')::text refused`);
  const span = (r.published.getTime() - r.t0.getTime()) / 1000;
  const events = Number(r.events);
  return {
    factsPerSecond: (total - Number(r.first)) / span, eventsPerSecond: events / span, events, refused: Number(r.refused),
    applySeconds: (r.applied.getTime() - r.t0.getTime()) / 1000, publishSeconds: span,
  };
}

/**
 * Issue 11's lifecycle throughput: projects × ~20 signed facts through Kafka into a hub process of
 * its own (full EDS verification of every fact, the lifecycle, the outbox signing and publishing
 * every status event), beside a raw kafkajs consume of the same topic and the crypto ceiling, all
 * measured in the same run.
 */
export async function lifecycleThroughput(log: (m: string) => void): Promise<BenchRow[]> {
  const projects = Number(process.env.BENCH_PROJECTS ?? 100_000);
  const perProject = Number(process.env.BENCH_PROJECT_EVENTS ?? 20);
  const hub = await IsolatedHub.create('proj');
  if (!hub.pki) throw new Error('the projects bench needs the development PKI (unset EDS_KEY_FILE)');
  const clients = await connectMessaging(hub.config, createLogger('warn'), '-projects-bench');
  const pg = new Pool({ connectionString: hub.env.DATABASE_URL, max: 2 });
  try {
    const admin = clients.kafka.admin();
    await admin.connect();
    const topic = physicalName(hub.config.TOPIC_PREFIX, Topics.projectEvents.name);
    // A loaded broker can answer the leader wait with UNKNOWN_TOPIC_OR_PARTITION for a topic it is still creating: ask again.
    for (let attempt = 1; ; attempt++) {
      try {
        await new TopicAdmin(admin, { prefix: hub.config.TOPIC_PREFIX, replicationFactor: 1, minInsyncReplicas: 1 }).ensure([Topics.projectEvents]);
        await admin.fetchTopicMetadata({ topics: [topic] });
        break;
      } catch (error) {
        if (attempt >= 30) throw error;
        await sleep(1000);
      }
    }
    await admin.disconnect();
    await clients.registry.register(valueSubject(topic), AvroRegistry.readSchemaFile(Topics.projectEvents.valueSchema));

    log(`projects: NDIP signs and produces ${projects.toLocaleString('en-US')} projects × ~${perProject} facts (BENCH_PROJECTS, BENCH_PROJECT_EVENTS; the issue's size is 100000 × 20)`);
    const produced = await produceSignedFacts(hub, clients, projects, perProject, log);
    log(`projects: ${produced.total.toLocaleString('en-US')} facts on the topic (NDIP signed ${produced.signPerSecond.toFixed(0)}/s on one core)`);

    log('projects: raw kafkajs consume of the same topic');
    const raw = await rawConsume(clients, topic, `${hub.runId}-raw`, produced.total);
    log(`projects: raw consume ${raw.toFixed(0)} records/s`);

    log('projects: hub process consumes, verifies, applies, signs and publishes');
    const profile = process.env.BENCH_PROJECTS_CPU_PROFILE; // a directory: the hub writes a .cpuprofile there on exit
    await hub.start(profile ? [...HUB_NODE_ARGS, '--cpu-prof', `--cpu-prof-dir=${profile}`] : HUB_NODE_ARGS);
    const run = await watchHub(hub, pg, produced.total, log);
    await hub.stop();
    log(`projects: ${run.events.toLocaleString('en-US')} status events; facts applied in ${run.applySeconds.toFixed(1)} s, all published ${run.publishSeconds.toFixed(1)} s after the first batch; ${run.refused} refused`);

    const db = new Database(hub.env.DATABASE_URL!, 2);
    const repo = new ProjectsRepository(db);
    const stored: StoredEvent[] = [];
    for (let p = 0; p < projects && stored.length < 2000; p++) stored.push(...(await repo.history(projectFacts(p, perProject)[0].projectId)));
    await db.close();
    const cost = await cryptoCost(hub, produced.sample, stored);
    const eventsPerFact = run.events / produced.total;
    const perFactMs = cost.verifyMs + eventsPerFact * cost.signMs;
    const ceiling1 = 1000 / perFactMs;
    log(`projects: EDS per fact ${perFactMs.toFixed(3)} ms (full-checklist verify ${cost.verifyMs.toFixed(3)} ms + ${eventsPerFact.toFixed(2)} × sign ${cost.signMs.toFixed(3)} ms): ceiling ${ceiling1.toFixed(0)} facts/s`);
    const rsaMs = cost.rsaVerifyMs + eventsPerFact * cost.rsaSignMs;
    log(`projects: of which RSA alone ${rsaMs.toFixed(3)} ms (verify ${cost.rsaVerifyMs.toFixed(3)} + ${eventsPerFact.toFixed(2)} × sign ${cost.rsaSignMs.toFixed(3)}): ${(1000 / rsaMs).toFixed(0)} facts/s per core`);
    return [
      { name: `projects lifecycle via Kafka (${projects}×${perProject})`, value: run.factsPerSecond, unit: 'facts/s', reference: 'raw consume of the same topic', referenceValue: raw, ratio: run.factsPerSecond / raw, target: '>= 0.2' },
      { name: 'projects lifecycle vs EDS ceiling', value: run.factsPerSecond, unit: 'facts/s', reference: 'EDS verify+sign alone, same code', referenceValue: ceiling1, ratio: run.factsPerSecond / ceiling1 },
      { name: 'projects lifecycle vs RSA ceiling', value: run.factsPerSecond, unit: 'facts/s', reference: 'RSA verify+sign alone, 1 core', referenceValue: 1000 / rsaMs, ratio: (run.factsPerSecond * rsaMs) / 1000 },
      { name: 'projects status events published', value: run.eventsPerSecond, unit: 'events/s', reference: 'EDS signatures/s, same code', referenceValue: 1000 / cost.signMs, ratio: (run.eventsPerSecond * cost.signMs) / 1000 },
    ];
  } finally {
    await pg.end();
    const admin = clients.kafka.admin();
    await admin.connect();
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(hub.config.TOPIC_PREFIX));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine }).catch(() => undefined);
    await admin.disconnect();
    await clients.close();
    await hub.drop();
  }
}
