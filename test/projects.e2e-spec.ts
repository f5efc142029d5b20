import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Kafka, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { seededRandom } from '@hub/identity';
import { AvroRegistry, DLQ_HEADERS, HubConfig, KAFKA_PRODUCER, Topics, deadLetterName, ensureRoles, physicalName, valueSubject } from '@hub/platform';
import { RsaSha256Signer, XmlDocumentSigner, loadPkcs12 } from '@hub/eds';
import { ProjectFact, SignedEnvelope, factXml, kzDate, toEpochDay } from '@hub/projects';
import { getJson, loginCookie, header, inspectDatabase, readTopic, testBin, testConfig, waitFor } from '@hub/test-support';
import { startHub } from '../apps/hub/src/hub.app';
import { ensureHubDevPki, type HubDevPki } from '../tools/hub-dev-pki';
import { NdipClient } from '../tools/support/ndip-client';
const withDatabase = (url: string, name: string): string => { const u = new URL(url); u.pathname = `/${name}`; return u.toString(); };

interface ProjectView { version: number; stage: string; pool: { pool: string }; greenCorridor: { parts: unknown[] }; openGrounds: Array<{ ground: string; paragraph: string; evidence: { topic: string; partition: number; offset: string; recordDate: string } | null }>; history: Array<{ eventId: string; version: number; type: string; paragraph: string }> }

describe('investment projects end to end: signed facts in, signed status events out, §33 grounds from the feeds', () => {
  let config: HubConfig;
  let app: INestApplication;
  let producer: Producer;
  let registry: AvroRegistry;
  let kafka: Kafka;
  let base: string;
  let pki: HubDevPki;
  let ndipSigner: XmlDocumentSigner;
  let ndip: NdipClient;
  const run = randomBytes(3).toString('hex');
  const random = seededRandom(Date.now() % 2_147_483_647);
  const today = kzDate(new Date());
  const daysAgo = (n: number) => new Date((toEpochDay(today) - n) * 86_400_000).toISOString().slice(0, 10);
  let n = 0;
  const fact = (projectId: string, x: Record<string, unknown>): ProjectFact => ({ factId: `${run}-${++n}`, projectId, ...x }) as unknown as ProjectFact;
  const initiative = (projectId: string, bin: string | null, on = daysAgo(40)) => fact(projectId, {
    type: 'InitiativeRegistered', occurredOn: on, initiator: 'Embassy in Seoul', regionKato: '750000000', companyBin: bin,
    investment: { amount: '40000000', currency: 'USD' }, jobs: 320, global2000: true, highTech: 'HIGH', investmentContract: false,
  });
  const topicOf = (logical: string) => physicalName(config.TOPIC_PREFIX, logical);
  /** NDIP signs each fact with its own key (the dev PKI's NDIP organisation certificate). */
  const envelope = async (f: ProjectFact): Promise<SignedEnvelope> => {
    const issuedAt = new Date();
    const document = await ndipSigner.sign(factXml(f, { senderBin: pki.identities.ndipBin, issuedAt }));
    return { messageId: f.factId, correlationId: null, type: 'ProjectEvent', issuedAt: issuedAt.getTime(), senderBin: pki.identities.ndipBin, document };
  };
  async function sendEnvelopes(envelopes: Array<{ key: string; env: SignedEnvelope }>): Promise<void> {
    const topic = topicOf(Topics.projectEvents.name);
    const id = await registry.latestId(valueSubject(topic));
    const messages = await Promise.all(envelopes.map(async ({ key, env }) => ({ key, value: await registry.encode(id, env) })));
    await producer.send({ topic, acks: -1, messages });
  }
  const sendFacts = async (facts: ProjectFact[]) => sendEnvelopes(await Promise.all(facts.map(async (f) => ({ key: f.projectId, env: await envelope(f) }))));
  async function sendFeed(logical: string, key: string, value: unknown): Promise<void> {
    const topic = topicOf(logical);
    await producer.send({ topic, acks: -1, messages: [{ key, value: await registry.encode(await registry.latestId(valueSubject(topic)), value) }] });
  }
  // each hub (the replay one has a database of its own) needs its own portal session
  const cookies = new Map<string, string>();
  const session = async (url: string) => cookies.get(url) ?? cookies.set(url, await loginCookie(url)).get(url)!;
  const project = async (id: string, url = base) => {
    const r = await getJson(`${url}/projects/${encodeURIComponent(id)}`, await session(url));
    return r.status === 200 ? (r.body as ProjectView) : undefined;
  };

  beforeAll(async () => {
    pki = await ensureHubDevPki(join(__dirname, '..', '.local-stack', 'dev-pki'));
    const key = loadPkcs12(readFileSync(pki.keys.ndip), pki.password);
    ndipSigner = new XmlDocumentSigner(new RsaSha256Signer(key.privateKey, key.certificate.der));
    ndip = new NdipClient(pki.keys.ndip, pki.password, { anchors: [pki.env.EDS_TRUST_ANCHORS], intermediates: [pki.env.EDS_INTERMEDIATES], crls: pki.env.EDS_CRLS.split(',') }, pki.identities.hubBin);
    config = testConfig(pki.env);
    app = await startHub(config);
    producer = app.get(KAFKA_PRODUCER);
    registry = app.get(AvroRegistry);
    kafka = app.get(Kafka);
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  const P1 = `P-${run}-lifecycle`;
  const lifecycle = (): ProjectFact[] => [
    initiative(P1, null, daysAgo(60)),
    fact(P1, { type: 'PassportCreated', occurredOn: daysAgo(50), companyBin: null, regionKato: '750000000', estimatedCost: { amount: '40000000', currency: 'USD' }, companyRegisteredOn: null, industry: 'chemicals' }),
    fact(P1, { type: 'TaskScheduled', occurredOn: daysAgo(45), taskId: 'feasibility', stage: 1, dueOn: daysAgo(2) }),
    fact(P1, { type: 'TaskScheduled', occurredOn: daysAgo(45), taskId: 'land', stage: 1, dueOn: daysAgo(-5) }),
    fact(P1, { type: 'RoadmapSubmitted', occurredOn: daysAgo(44) }),
    fact(P1, { type: 'RoadmapReturned', occurredOn: daysAgo(40), remarks: 'stage 2 lacks dates' }),
    fact(P1, { type: 'RoadmapRemarksFixed', occurredOn: daysAgo(37) }),
    fact(P1, { type: 'RoadmapApproved', occurredOn: daysAgo(35) }),
  ];
  let lifecycleFacts: ProjectFact[] = [];

  it('takes signed facts through the lifecycle and publishes one signed status event per change, keyed by project, in order', async () => {
    lifecycleFacts = lifecycle();
    await sendFacts(lifecycleFacts);
    const view = await waitFor(async () => { const p = await project(P1); return p && p.stage === 'WITH_ROADMAP' ? p : undefined; }, 'project with an approved roadmap');
    expect(view.history.map((e) => e.paragraph)).toEqual(['NDIP §42', 'NDIP §30', 'NDIP §42.1', 'NDIP §30', 'NDIP §49', 'NDIP §49', 'NDIP §50', 'NDIP §51', 'NDIP §51', 'NDIP §52']);
    expect(view.pool.pool).toBe('NATIONWIDE');
    expect(view.greenCorridor.parts).toHaveLength(4);
    const status = await waitFor(async () => {
      const all = await readTopic(kafka, topicOf(Topics.projectStatus.name), 1, 30000);
      const mine = all.filter((m) => m.key?.toString() === P1);
      return mine.length >= view.history.length ? mine : undefined;
    }, 'status events on the topic', 45000);
    const decoded = await Promise.all(status.map(async (m) => (await registry.decode(m.value)) as SignedEnvelope));
    // NDIP's side: every status document verifies as signed by the hub's organisation key.
    for (const env of decoded) {
      await ndip.verifyRequest(env.document, pki.identities.hubBin);
      expect(env.senderBin).toBe(pki.identities.hubBin);
    }
    // id and version side by side, so an order failure shows which versions swapped
    expect(decoded.map((e) => `${e.messageId} v${/version="(\d+)"/.exec(e.document)?.[1]}`)).toEqual(view.history.map((e) => `${e.eventId} v${e.version}`));
    const red = await getJson(`${base}/monitoring/tasks?color=red&region=750000000&limit=1000`, await session(base));
    expect((red.body as { tasks: Array<{ projectId: string; taskId: string }> }).tasks.filter((t) => t.projectId === P1).map((t) => t.taskId)).toEqual(['feasibility']);
    const regions = await getJson(`${base}/monitoring/regions`, await session(base));
    expect((regions.body as { ranking: Array<{ regionKato: string }> }).ranking.some((r) => r.regionKato === '750000000')).toBe(true);
  });

  it('raises a bankruptcy ground (NDIP §33.3) from a tax-list record that arrived before the project existed', async () => {
    const bin = testBin(random);
    await sendFeed(Topics.taxLists.name, bin, { id: bin, list: 'BANKRUPT', includedOn: toEpochDay(daysAgo(20)), excludedOn: null, basis: 'Court ruling 2-77', eventTime: Date.now() - 60_000 });
    const db = inspectDatabase();
    await waitFor(async () => (await db.query('SELECT 1 FROM projects.ground_evidence WHERE bin = $1', [bin])).length > 0, 'the evidence stored by BIN');
    const id = `P-${run}-bankrupt`;
    await sendFacts([initiative(id, bin, daysAgo(10))]);
    const view = await waitFor(async () => { const p = await project(id); return p && p.openGrounds.length > 0 ? p : undefined; }, 'the ground raised');
    expect(view.openGrounds).toEqual([expect.objectContaining({ ground: 'BANKRUPTCY_OR_LIQUIDATION', paragraph: 'NDIP §33.3', evidence: expect.objectContaining({ topic: Topics.taxLists.name, recordDate: daysAgo(20), offset: expect.stringMatching(/^\d+$/) }) })]);
  });

  it('raises a judicial-restriction ground (NDIP §33.5) from a court case against an existing project\'s company', async () => {
    const bin = testBin(random);
    const id = `P-${run}-court`;
    await sendFacts([initiative(id, bin, daysAgo(10))]);
    await waitFor(() => project(id), 'the project');
    await sendFeed(Topics.courtCivilCases.name, bin, {
      partyId: bin, partyRole: 'DEFENDANT', instance: 'FIRST', region: 'Almaty', regionKato: '751000000', court: 'SMEC of Almaty', proceedingKind: 'CLAIM',
      caseCategory: 'CONTRACT_DISPUTE', caseNumber: `7594-26-${run}`, caseRegisteredOn: toEpochDay(daysAgo(30)), actDate: toEpochDay(daysAgo(3)), actType: 'DECISION',
      actText: 'The claim is satisfied; the equipment is arrested.', outcome: 'SATISFIED', claimAmountTiyn: 5_000_000_00, eventTime: Date.now() - 60_000,
    });
    const view = await waitFor(async () => { const p = await project(id); return p && p.openGrounds.length > 0 ? p : undefined; }, 'the court ground');
    expect(view.openGrounds[0]).toMatchObject({ ground: 'JUDICIAL_RESTRICTION', paragraph: 'NDIP §33.5', evidence: { topic: Topics.courtCivilCases.name, recordDate: daysAgo(3) } });
    expect(view.history.at(-1)).toMatchObject({ type: 'GroundRaised', paragraph: 'NDIP §33.5' });
  });

  it('refuses a tampered event with its reason (dead-letter topic) and changes nothing', async () => {
    const id = `P-${run}-tampered`;
    const f = initiative(id, null, daysAgo(5));
    const signed = await envelope(f);
    const tampered = { ...signed, document: signed.document.replace('"amount":"40000000"', '"amount":"400000000"') };
    expect(tampered.document).not.toBe(signed.document);
    await sendEnvelopes([{ key: id, env: tampered }]);
    const letters = await waitFor(async () => {
      const all = await readTopic(kafka, deadLetterName(topicOf(Topics.projectEvents.name)), 1, 30000);
      return all.find((m) => m.key?.toString() === id);
    }, 'the dead letter');
    expect(header(letters, DLQ_HEADERS.code)).toBe('DIGEST_MISMATCH');
    expect((header(letters, DLQ_HEADERS.reason) ?? '').length).toBeGreaterThan(5);
    expect(await project(id)).toBeUndefined();
  });

  it('a replay of the inbound topic from the start, into a fresh database, produces the same events with the same ids', async () => {
    const adminUrl = config.DATABASE_URL;
    const name = `hub_projects_replay_${run}`;
    const admin = new Pool({ connectionString: adminUrl, max: 1 });
    await admin.query(`CREATE DATABASE "${name}"`);
    // The module roles log in to the new database and the migration owner creates schemas there.
    await ensureRoles(withDatabase(adminUrl, name), config);
    let replay: INestApplication | undefined;
    try {
      const replayConfig = { ...config, DATABASE_URL: withDatabase(adminUrl, name), KAFKA_GROUP_ID: `${config.KAFKA_GROUP_ID}-replay` };
      replay = await startHub(replayConfig);
      const url = (await replay.getUrl()).replace('[::1]', '127.0.0.1');
      const original = await project(P1);
      const again = await waitFor(async () => { const p = await project(P1, url); return p && p.history.filter((e) => e.type !== 'TaskColorChanged').length >= 10 ? p : undefined; }, 'the replayed project', 45000);
      const strip = (v: ProjectView | undefined) => v?.history.filter((e) => e.type !== 'TaskColorChanged' && e.type !== 'DeadlineExpired').map((e) => [e.eventId, e.type, e.paragraph]);
      expect(strip(again)).toEqual(strip(original));
      // And redelivery into the original database changed nothing: the same facts again add no event.
      await sendFacts(lifecycleFacts);
      await new Promise((r) => setTimeout(r, 3000));
      expect((await project(P1))?.history).toEqual(original?.history);
    } finally {
      await replay?.close();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
