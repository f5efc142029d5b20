import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { seededRandom } from '@hub/identity';
import { MessageLog } from '@hub/message-log';
import { WatchlistScreening, parseUnConsolidatedList, publishWatchlistSnapshots } from '@hub/screening';
import { AvroPublisher, AvroRegistry, HubConfig, KAFKA_PRODUCER, Topics, consumerProgress, laneGroupId, physicalName, valueSubject } from '@hub/platform';
import { syntheticLegalEntity } from '@hub/synthetic';
import { expectDeadLetterCodes, getJson, loginCookie, testBin, testConfig, waitFor } from '@hub/test-support';
import { Kafka, Producer } from 'kafkajs';
import { startHub } from '../apps/hub/src/hub.app';
import { ensureHubDevPki, type DevKeyName, type HubDevPki } from '../tools/hub-dev-pki';
import { KycResultListener, NdipClient, publishRequests, type KycSubjectInput, type ReadAnswer } from '../tools/support/ndip-client';

/**
 * NDIP KYC end to end: signed requests through the real broker and the SOAP door, answers signed by
 * the hub with the dev PKI's keys, verified by the client's own verifier and by xmlsec1.
 */
describe('NDIP KYC over Kafka and SOAP', () => {
  let config: HubConfig;
  let app: INestApplication;
  let base: string;
  let cookie: string;
  let pki: HubDevPki;
  let publisher: AvroPublisher;
  let listener: KycResultListener;
  let kafka: Kafka;
  const random = seededRandom(Date.now() % 2 ** 31);
  const clients = new Map<DevKeyName, NdipClient>();
  const client = (key: DevKeyName = 'ndip') => {
    let c = clients.get(key);
    if (!c) {
      c = new NdipClient(pki.keys[key], pki.password, { anchors: [pki.env.EDS_TRUST_ANCHORS], intermediates: [pki.env.EDS_INTERMEDIATES], crls: pki.env.EDS_CRLS.split(',') }, pki.identities.hubBin);
      clients.set(key, c);
    }
    return c;
  };

  beforeAll(async () => {
    pki = await ensureHubDevPki(join(__dirname, '..', '.local-stack', 'dev-pki'));
    config = testConfig(pki.env);
    app = await startHub(config);
    base = await app.getUrl();
    cookie = await loginCookie(base);
    publisher = app.get(AvroPublisher);
    kafka = app.get(Kafka);
    listener = new KycResultListener(kafka, app.get(AvroRegistry), config.TOPIC_PREFIX);
    await listener.start();
  }, 120_000);

  afterAll(async () => {
    await listener?.stop();
    await app?.close();
  });

  async function askKafka(subject: KycSubjectInput, key: DevKeyName = 'ndip', o: Parameters<NdipClient['signedRequest']>[1] = {}, tamper?: (doc: string) => string): Promise<ReadAnswer> {
    const request = await client(key).signedRequest(subject, { senderBin: pki.identities.ndipBin, ...o });
    if (tamper) request.document = tamper(request.document);
    await publishRequests(publisher, [request]);
    const answer = await waitFor(async () => listener.get(request.messageId), `answer to ${request.messageId}`, 30_000);
    return client().readAnswer(answer.document);
  }

  async function registerEntity(overrides: Record<string, unknown>): Promise<string> {
    const record = { ...syntheticLegalEntity(random, new Date()), bin: testBin(random), eventTime: Date.now(), ...overrides };
    await publisher.publish(Topics.justiceLegalEntities, [{ key: record.bin, value: record }]);
    await waitFor(async () => (await getJson(`${base}/entities/${record.bin}`, cookie)).status === 200, `profile of ${record.bin}`);
    return record.bin;
  }

  it('answers a registered BIN with its register facts and its indexes, signed by the hub', async () => {
    const bin = await registerEntity({ status: 'ACTIVE' });
    // the preliminary indexes are recomputed after the feed goes quiet; ask once scoring knows the BIN
    await waitFor(async () => (await getJson(`${base}/entities/${bin}/scores`, cookie)).status === 200, `scores of ${bin}`, 45_000);
    const a = await askKafka({ id: bin });
    expect(a.type).toBe('KycResult');
    expect(a.signerBin).toBe(pki.identities.hubBin);
    expect(['CLEAR', 'REVIEW']).toContain(a.verdict);
    expect(a.document).toContain('<kyc:RegistrationStatus>ACTIVE</kyc:RegistrationStatus>');
    expect(a.indexes.map((i) => i.name).sort()).toEqual(['BUSINESS_REPUTATION', 'FINANCIAL_STABILITY', 'PAYMENT_DISCIPLINE', 'TAXPAYER_CONSCIENTIOUSNESS']);
    expect(a.reasons.length).toBeGreaterThan(0);
  }, 90_000);

  it('rejects a liquidated company, naming the reason in plain words', async () => {
    const bin = await registerEntity({ status: 'LIQUIDATED' });
    const a = await askKafka({ id: bin });
    expect(a.verdict).toBe('REJECT');
    expect(a.reasons[0]).toMatchObject({ code: 'LIQUIDATED', severity: 'REJECT' });
    expect(a.reasons[0].text).toMatch(/liquidated/);
  });

  it('answers an unknown BIN with a signed NOT_FOUND', async () => {
    const a = await askKafka({ id: testBin(random) });
    expect(a).toMatchObject({ type: 'KycResult', verdict: 'NOT_FOUND', reasons: [{ code: 'NOT_IN_REGISTER' }] });
  });

  describe('a foreign potential investor, screened against the watchlists', () => {
    beforeAll(async () => {
      const snapshot = parseUnConsolidatedList(readFileSync(join(__dirname, '..', 'demo', 'watchlists', 'un-consolidated-excerpt.xml')));
      await publishWatchlistSnapshots({ kafka, registry: app.get(AvroRegistry), publisher, topicPrefix: config.TOPIC_PREFIX }, [snapshot]);
      const screening = app.get(WatchlistScreening);
      await waitFor(async () => (await screening.screen({ kind: 'PERSON', name: 'Yuriy Khoroshev' })).hits.length > 0, 'the UN excerpt screened');
    }, 60_000);

    it('a beneficial owner on the UN list, written in Cyrillic with a typo and in another order, is found with its matched features', async () => {
      const a = await askKafka({
        foreign: { kind: 'ORGANISATION', name: 'Northern Lights Capital Ltd', country: 'GB', registrationNumber: '09876543' },
        beneficialOwners: [{ kind: 'PERSON', name: 'Хорошев Юрий Алексадрович', birthDate: '1968', country: 'RU' }, { kind: 'PERSON', name: 'Jane Smith', birthDate: '1975-02-11' }],
      });
      expect(a.type).toBe('KycResult');
      expect(['REVIEW', 'REJECT']).toContain(a.verdict);
      // the demo excerpt lists him as 810002; a shared store may also hold another list's copy of him
      const hit = a.hits.find((h) => /^UN_SC:[89]10002$/.test(h.entryId));
      expect(hit).toBeDefined();
      expect(hit!.party).toBe('BENEFICIAL_OWNER:Хорошев Юрий Алексадрович');
      expect(hit!.features.length).toBeGreaterThan(0);
      expect(a.reasons[0].code).toMatch(/^WATCHLIST_/);
      expect(a.hits.some((h) => h.party.includes('Jane Smith'))).toBe(false);
    });

    it('screens the head of a Kazakhstan company too: a listed head sends its BIN to review or rejection', async () => {
      const bin = await registerEntity({ status: 'ACTIVE', headFullName: 'Мухамеджанов Жанболат Серікұлы', headPosition: 'Директор' });
      const a = await askKafka({ id: bin });
      // other tests' list entries share the screening store: look for this list's entry among the head's hits
      expect(a.hits.filter((h) => h.party.startsWith('HEAD:')).map((h) => h.entryId)).toContainEqual(expect.stringMatching(/^UN_SC:[89]10001$/));
      expect(['REVIEW', 'REJECT']).toContain(a.verdict);
    });

    it('a foreign investor with no listed party is CLEAR', async () => {
      const a = await askKafka({ foreign: { kind: 'ORGANISATION', name: 'Alpine Dairy Cooperative AG', country: 'CH', registrationNumber: 'CHE-101.123.456' } });
      expect(a).toMatchObject({ type: 'KycResult', verdict: 'CLEAR', hits: [] });
    });
  });

  it.each<[string, DevKeyName, string, ((d: string) => string) | undefined, Record<string, unknown>]>([
    ['a tampered document', 'ndip', 'DIGEST_MISMATCH', (d) => d.replace(/<kyc:Bin>(\d+)<\/kyc:Bin>/, '<kyc:Bin>210740000018</kyc:Bin>'), {}],
    ['an unsigned document', 'ndip', 'UNSIGNED', (d) => d.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, ''), {}],
    ['an expired certificate', 'ndipExpired', 'CERT_EXPIRED', undefined, {}],
    ['a revoked certificate', 'ndipRevoked', 'REVOKED', undefined, {}],
    ['a certificate from an untrusted CA', 'ndipUntrusted', 'UNTRUSTED_CHAIN', undefined, {}],
    ['an authentication key (no nonRepudiation)', 'ndipNoNonRepudiation', 'KEY_USAGE', undefined, {}],
    ['another organisation signing as NDIP', 'otherOrganisation', 'IDENTITY_MISMATCH', undefined, {}],
    ['a sender that is not an NDIP system', 'otherOrganisation', 'SENDER_NOT_ALLOWED', undefined, { senderBin: '190140000032' }],
    ['a request issued an hour ago', 'ndip', 'STALE_MESSAGE', undefined, { issuedAt: new Date(Date.now() - 3_600_000) }],
  ])('refuses %s with a signed refusal naming the check', async (_name, key, code, tamper, o) => {
    const a = await askKafka({ id: testBin(random) }, key, o, tamper);
    expect(a.type).toBe('KycRefusal');
    expect(a.refusalCode).toBe(code);
    expect(a.signerBin).toBe(pki.identities.hubBin);
    expect(a.verdict).toBeNull();
  });

  it('answers the very same signed request sent again with the same signed answer; another document under its id is a REPLAY', async () => {
    const request = await client().signedRequest({ id: testBin(random) }, { senderBin: pki.identities.ndipBin });
    await publishRequests(publisher, [request]);
    const first = await waitFor(async () => listener.get(request.messageId), 'first answer');
    expect((await client().readAnswer(first.document)).type).toBe('KycResult');
    // The same bytes at a new offset (a client resending, or a redelivery after a crash before the
    // commit): the stored answer again, byte for byte — wait for the second copy to arrive.
    const arrivals = listener.arrivals(request.messageId);
    await publishRequests(publisher, [request]);
    await waitFor(async () => listener.arrivals(request.messageId) > arrivals, 'second answer');
    expect(listener.get(request.messageId)?.document).toBe(first.document);
    // Another document under the same sender and message id: refused, signed.
    const reused = await client().signedRequest({ id: testBin(random) }, { senderBin: pki.identities.ndipBin, messageId: request.messageId });
    await publishRequests(publisher, [reused]);
    const third = await waitFor(async () => { const a = listener.get(request.messageId); return a && a.document !== first.document && a; }, 'replay refusal');
    expect(await client().readAnswer(third.document)).toMatchObject({ type: 'KycRefusal', refusalCode: 'REPLAY' });
  });

  it('dead-letters values that are not usable envelopes, with the reason and the original bytes', async () => {
    const topic = physicalName(config.TOPIC_PREFIX, Topics.kycRequests.name);
    const registry = app.get(AvroRegistry);
    const schemaId = await registry.latestId(valueSubject(topic));
    const wrongType = await registry.encode(schemaId, { ...(await client().signedRequest({ id: testBin(random) })), type: 'ProjectEvent' });
    const noSender = await registry.encode(schemaId, { ...(await client().signedRequest({ id: testBin(random) })), senderBin: 'NDIP' });
    const notAvro = Buffer.from('<KycRequest/>');
    await app.get<symbol, Producer>(KAFKA_PRODUCER).send({ topic, messages: [{ key: 'a', value: wrongType }, { key: 'b', value: noSender }, { key: 'c', value: notAvro }] });
    await expectDeadLetterCodes(kafka, topic, new Map([
      [wrongType.toString('hex'), 'ENVELOPE_TYPE'], [noSender.toString('hex'), 'ENVELOPE_FIELD'], [notAvro.toString('hex'), 'NOT_WIRE_FORMAT'],
    ]));
  });

  it('answers the same way through the SOAP door, with a WS-Security-signed response', async () => {
    const bin = await registerEntity({ status: 'LIQUIDATED' });
    const { xml } = await client().soapRequest({ id: bin }, config.NDIP_SOAP_SERVICE_ID, { senderBin: pki.identities.ndipBin });
    const response = await fetch(`${base}/ndip/soap`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml });
    const body = await response.text();
    expect(response.status).toBe(200);
    expect(body).toContain('<shep:code>SCSS001</shep:code>');
    expect(body).toContain('<wsse:Security');
    const a = await client().readAnswer(NdipClient.soapAnswerDocument(body));
    expect(a).toMatchObject({ type: 'KycResult', verdict: 'REJECT', reasons: [{ code: 'LIQUIDATED' }] });
  });

  it('refuses a SOAP message signed with an expired certificate with a signed Fault naming the check', async () => {
    const { xml } = await client('ndipExpired').soapRequest({ id: testBin(random) }, config.NDIP_SOAP_SERVICE_ID, { senderBin: pki.identities.ndipBin });
    const response = await fetch(`${base}/ndip/soap`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml });
    const body = await response.text();
    expect(response.status).toBe(500);
    expect(NdipClient.soapErrorCode(body)).toBe('CERT_EXPIRED');
    expect(body).toContain('<wsse:Security');
    expect(await client().readAnswer(NdipClient.soapAnswerDocument(body))).toMatchObject({ type: 'KycRefusal', refusalCode: 'CERT_EXPIRED' });
  });

  it('counts refused signatures by check on /metrics', async () => {
    const metrics = await (await fetch(`${base}/metrics`, { headers: config.METRICS_TOKEN ? { authorization: `Bearer ${config.METRICS_TOKEN}` } : {} })).text();
    expect(metrics).toMatch(/hub_eds_verification_failures_total\{code="REVOKED"\} [1-9]/);
    expect(metrics).toMatch(/hub_eds_verification_failures_total\{code="DIGEST_MISMATCH"\} [1-9]/);
  });

  it('hub answers verify with xmlsec1, and a tampered copy does not', async () => {
    const a = await askKafka({ id: testBin(random) });
    const dir = mkdtempSync(join(tmpdir(), 'kyc-xmlsec-'));
    const verify = (xml: string) => {
      const file = join(dir, `a-${Math.random()}.xml`);
      writeFileSync(file, xml);
      return spawnSync('xmlsec1', ['--verify', '--trusted-pem', pki.env.EDS_TRUST_ANCHORS, '--untrusted-pem', pki.env.EDS_INTERMEDIATES, '--enabled-reference-uris', 'empty', file], { encoding: 'utf8' });
    };
    const ok = verify(a.document);
    expect(`${ok.status} ${ok.stderr}`).toMatch(/^0 [\s\S]*OK/);
    expect(verify(a.document.replace('NOT_FOUND</kyc:Verdict>', 'CLEAR</kyc:Verdict>')).status).not.toBe(0);
  });

  it('keeps every signed message in and out in the message log, and the chain verifies', async () => {
    const request = await client().signedRequest({ id: testBin(random) }, { senderBin: pki.identities.ndipBin });
    await publishRequests(publisher, [request]);
    const answer = await waitFor(async () => listener.get(request.messageId), 'answer');
    const log = app.get(MessageLog);
    const exported = await waitFor(async () => { const e = await log.export(request.messageId); return e && e; }, 'request in the message log');
    expect(JSON.stringify(exported)).toContain(request.messageId);
    const answerId = /messageId="([^"]+)"/.exec(answer.document)?.[1] as string;
    expect(JSON.stringify(await log.export(answerId))).toContain('OUT');
    expect(await log.verify()).toMatchObject({ ok: true });
  });

  it('answers many requests at once in the KYC lane, and its group commits the topic to the end only once they have left', async () => {
    const requests = await Promise.all(Array.from({ length: 30 }, () => client().signedRequest({ id: testBin(random) }, { senderBin: pki.identities.ndipBin })));
    await Promise.all(requests.map((r) => publishRequests(publisher, [r])));
    for (const r of requests) await waitFor(async () => listener.get(r.messageId), `answer to ${r.messageId}`, 30_000);
    const topic = physicalName(config.TOPIC_PREFIX, Topics.kycRequests.name);
    const admin = kafka.admin();
    await admin.connect();
    try {
      // The requests are read in a group of their own (`<group>.kyc`), never in the instance's group.
      await waitFor(async () => { const p = await consumerProgress(admin, laneGroupId(config.KAFKA_GROUP_ID, Topics.kycRequests.name), [topic]); return p.committed >= p.end && p.end > 0; }, 'KYC lane committed to the end');
      expect((await consumerProgress(admin, config.KAFKA_GROUP_ID, [topic])).committed).toBe(0);
    } finally {
      await admin.disconnect();
    }
  });
});
