import { join } from 'node:path';
import { seededRandom } from '@hub/identity';
import { MessageLog } from '@hub/message-log';
import { Database, HubConfig, connectMessaging, createLogger, laneGroupId, Topics, type MessagingClients } from '@hub/platform';
import { testBin, testConfig, waitFor } from '@hub/test-support';
import { ensureHubDevPki, type HubDevPki } from '../tools/hub-dev-pki';
import { KycResultListener, NdipClient, publishRequests } from '../tools/support/ndip-client';
import { startBuiltHub, type RunningHub } from './support/hub-process';

/**
 * The KYC door on a cluster (issue 10; production runs several hub instances): two hub processes
 * share the KYC lane's consumer group, and one is killed with SIGKILL while requests are in flight.
 * Every request is still answered; a request the dead instance had taken is answered again only
 * with the very answer it stored (one signed document per request, however often it is sent); and
 * the message log both instances wrote stays one unbroken chain.
 */
describe('NDIP KYC on two hub instances, one killed mid-stream', () => {
  const REQUESTS = 240;
  let pki: HubDevPki;
  let config: HubConfig;
  let clients: MessagingClients;
  let listener: KycResultListener;
  const hubs: RunningHub[] = [];
  const random = seededRandom(Date.now() % 2 ** 31);

  beforeAll(async () => {
    pki = await ensureHubDevPki(join(__dirname, '..', '.local-stack', 'dev-pki'));
    config = testConfig(pki.env);
    for (let i = 0; i < 2; i++) hubs.push(await startBuiltHub(config, { ...pki.env, LOG_LEVEL: 'warn' }));
    clients = await connectMessaging(config, createLogger('silent'), '-kyc-instances');
    listener = new KycResultListener(clients.kafka, clients.registry, config.TOPIC_PREFIX);
    await listener.start();
  }, 240_000);

  afterAll(async () => {
    for (const hub of hubs) hub.process.kill('SIGKILL');
    await listener?.stop();
    await clients?.close();
  });

  it('answers every request once per signed document, and the message log chain holds', async () => {
    const admin = clients.kafka.admin();
    await admin.connect();
    try {
      const group = laneGroupId(config.KAFKA_GROUP_ID, Topics.kycRequests.name);
      await waitFor(async () => (await admin.describeGroups([group])).groups[0]?.members.length === 2, 'both instances in the KYC lane group', 60_000);
    } finally {
      await admin.disconnect();
    }
    const client = new NdipClient(pki.keys.ndip, pki.password, { anchors: [pki.env.EDS_TRUST_ANCHORS], intermediates: [pki.env.EDS_INTERMEDIATES], crls: pki.env.EDS_CRLS.split(',') }, pki.identities.hubBin);
    const requests: Array<Awaited<ReturnType<NdipClient['signedRequest']>>> = [];
    for (let i = 0; i < REQUESTS; i++) {
      const subject = i % 3 === 0 ? { foreign: { kind: 'ORGANISATION' as const, name: `Investor ${i} Holdings Ltd`, country: 'GB' } } : { id: testBin(random) };
      requests.push(await client.signedRequest(subject, { senderBin: pki.identities.ndipBin }));
    }
    // Sent in small slices so the kill lands while both instances hold requests in flight.
    const sending = (async () => {
      for (let i = 0; i < requests.length; i += 10) {
        await publishRequests(clients.publisher, requests.slice(i, i + 10));
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await waitFor(async () => requests.filter((r) => listener.has(r.messageId)).length >= REQUESTS / 4, 'a quarter answered', 60_000);
    hubs[1].process.kill('SIGKILL');
    const answeredAtKill = requests.filter((r) => listener.has(r.messageId)).length;
    await hubs[1].exited;
    await sending;
    expect(answeredAtKill).toBeLessThan(REQUESTS);

    await waitFor(async () => requests.every((r) => listener.has(r.messageId)), 'every request answered by the surviving instance', 120_000);
    for (const r of requests) {
      expect({ id: r.messageId, documents: listener.distinctAnswers(r.messageId) }).toEqual({ id: r.messageId, documents: 1 });
      const answer = await client.readAnswer((await listener.next(r.messageId, 1000))!.document);
      expect(answer.correlationId).toBe(r.messageId);
      expect(['KycResult']).toContain(answer.type);
    }
    const database = new Database(config.DATABASE_URL, 1);
    try {
      const chain = await new MessageLog(database).verify();
      expect(chain).toMatchObject({ ok: true });
    } finally {
      await database.close();
    }
  });
});
