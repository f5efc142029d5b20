import { INestApplication } from '@nestjs/common';
import { seededRandom } from '@hub/identity';
import { AvroRegistry, DLQ_HEADERS, KAFKA_PRODUCER, Topics, deadLetterName, physicalName, valueSubject, HubConfig } from '@hub/platform';
import type { LegalEntityRegistrationRecord } from '@hub/source-justice';
import { syntheticLegalEntity } from '@hub/synthetic';
import { getJson, header, loginCookie, inspectDatabase, readTopic, testBin, testConfig, waitFor } from '@hub/test-support';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { startHub } from '../apps/hub/src/hub.app';

describe('justice feed, end to end through the real broker, registry and PostgreSQL', () => {
  let config: HubConfig;
  let app: INestApplication;
  let base: string;
  let cookie: string;
  let producer: Producer;
  let registry: AvroRegistry;
  let kafka: Kafka;
  let topic: string;
  let schemaId: number;
  let firstVersionId: number;
  let subject: string;
  const firstVersion = readFileSync(path.join(__dirname, 'fixtures/legal-entity-registration.v1.first-version.avsc'), 'utf8');
  // A fresh seed per run: rows from earlier runs must never satisfy this run's assertions.
  const random = seededRandom(Date.now() % 2 ** 31);
  const now = new Date();

  beforeAll(async () => {
    config = testConfig();
    topic = physicalName(config.TOPIC_PREFIX, Topics.justiceLegalEntities.name);
    subject = valueSubject(topic);
    // The subject's history as a live deployment has it: the first version (no founders, no parent)
    // registered before this release, with BACKWARD compatibility enforced for the next one.
    const early = new AvroRegistry(config.SCHEMA_REGISTRY_URL);
    const setCompat = await fetch(`${config.SCHEMA_REGISTRY_URL}/config/${encodeURIComponent(subject)}`, {
      method: 'PUT', headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' }, body: JSON.stringify({ compatibility: 'BACKWARD' }),
    });
    expect(setCompat.ok).toBe(true);
    firstVersionId = await early.register(subject, firstVersion);
    app = await startHub(config);
    base = await app.getUrl();
    cookie = await loginCookie(base);
    producer = app.get(KAFKA_PRODUCER);
    registry = app.get(AvroRegistry);
    kafka = app.get(Kafka);
    schemaId = await registry.latestId(subject);
  });

  afterAll(async () => {
    await app?.close();
  });

  const send = async (records: Array<{ key: string; value: Buffer }>) => producer.send({ topic, acks: -1, messages: records });
  const encode = (r: LegalEntityRegistrationRecord) => registry.encode(schemaId, r);
  const profile = (bin: string) => getJson(`${base}/entities/${bin}`, cookie);
  // The shared database may already hold a synthetic BIN from an earlier run (with any event time):
  // records here are stamped "now", newer than anything stored before, and rows are read back only
  // once they carry this run's event time.
  const fresh = () => ({ ...syntheticLegalEntity(random, now), bin: testBin(random), eventTime: Date.now() });
  const storedRow = async (bin: string) =>
    (await inspectDatabase().query<{ xmin: string; name_ru: string; event_time: Date }>('SELECT xmin::text, name_ru, event_time FROM src_justice.legal_entities WHERE bin = $1', [bin]))[0];

  it('stores a valid registration and serves it at GET /entities/:bin', async () => {
    const record = fresh();
    await send([{ key: record.bin, value: await encode(record) }]);
    const { body } = await waitFor(async () => { const r = await profile(record.bin); return r.status === 200 && r; }, 'profile');
    expect(body).toMatchObject({ bin: record.bin, registration: { nameRu: record.nameRu, katoCode: record.katoCode, okedPrimary: record.okedPrimary, status: record.status } });
  });

  it('registers the founders version as a new BACKWARD-compatible version of the subject', async () => {
    expect(schemaId).not.toBe(firstVersionId);
    const versions = await (await fetch(`${config.SCHEMA_REGISTRY_URL}/subjects/${encodeURIComponent(subject)}/versions`)).json() as number[];
    expect(versions).toHaveLength(2);
    const check = await fetch(`${config.SCHEMA_REGISTRY_URL}/compatibility/subjects/${encodeURIComponent(subject)}/versions/${versions[0]}`, {
      method: 'POST', headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: AvroRegistry.readSchemaFile(Topics.justiceLegalEntities.valueSchema) }),
    });
    expect(await check.json()).toMatchObject({ is_compatible: true });
  });

  it('keeps taking records produced with the first schema version (no founders known)', async () => {
    const { founders: _f, parentOrganization: _p, ...first } = fresh();
    await send([{ key: first.bin, value: await registry.encode(firstVersionId, first) }]);
    const { body } = await waitFor(async () => { const r = await profile(first.bin); return r.status === 200 && r; }, 'profile of a first-version record');
    expect(body).toMatchObject({ bin: first.bin, registration: { nameRu: first.nameRu, founders: [], parentOrganization: null } });
  });

  it('stores founders with their shares and the parent, and shows no natural person\'s IIN', async () => {
    const record = fresh();
    const parentBin = testBin(random);
    const withParent = { ...record, parentOrganization: { bin: parentBin, incorporationCountry: 'KZ', foreignRegistrationNumber: null, nameKk: null, nameRu: 'ТОО «Parent»' } };
    await send([{ key: record.bin, value: await encode(withParent) }]);
    const { body } = await waitFor(async () => { const r = await profile(record.bin); return r.status === 200 && r; }, 'profile with founders');
    const person = record.founders![0];
    expect(body).toMatchObject({ registration: {
      founders: [{ kind: 'NATURAL_PERSON', surname: person.surname, givenName: person.givenName, sharePercent: 100 }],
      parentOrganization: { bin: parentBin, nameRu: 'ТОО «Parent»' },
    } });
    expect(JSON.stringify(body)).not.toContain(person.iin!);
  });

  it('dead-letters a bad check digit, non-Avro bytes and an unknown schema id, and keeps consuming', async () => {
    const badBin = syntheticLegalEntity(random, now);
    badBin.bin = badBin.bin.slice(0, 11) + ((Number(badBin.bin[11]) + 1) % 10).toString();
    const notAvro = Buffer.from('{"bin":"not avro"}');
    const unknownSchema = Buffer.from(await encode(syntheticLegalEntity(random, now)));
    unknownSchema.writeInt32BE(987_654_321, 1);
    const badBinBytes = await encode(badBin);
    // All on one key so they share a partition, followed by a valid record that must still arrive.
    const key = 'same-partition';
    const after = fresh();
    await send([
      { key, value: badBinBytes },
      { key, value: notAvro },
      { key, value: unknownSchema },
    ]);
    await send([{ key: after.bin, value: await encode(after) }]);

    const letters = await readTopic(kafka, deadLetterName(topic), 3);
    const byCode: Record<string, KafkaMessage> = Object.fromEntries(letters.map((m) => [header(m, DLQ_HEADERS.code) ?? '', m]));
    // The key does not match the BIN either, but the identifier rule is checked first.
    expect(Object.keys(byCode).sort()).toEqual(['BIN_CHECK_DIGIT', 'NOT_WIRE_FORMAT', 'UNKNOWN_SCHEMA']);
    expect(byCode.BIN_CHECK_DIGIT.value).toEqual(badBinBytes);
    expect(byCode.NOT_WIRE_FORMAT.value).toEqual(notAvro);
    expect(byCode.UNKNOWN_SCHEMA.value).toEqual(unknownSchema);
    for (const m of letters) {
      expect(header(m, DLQ_HEADERS.topic)).toBe(topic);
      expect(Number(header(m, DLQ_HEADERS.partition))).toBeGreaterThanOrEqual(0);
      expect(header(m, DLQ_HEADERS.offset)).toMatch(/^\d+$/);
      expect(header(m, DLQ_HEADERS.reason)?.length).toBeGreaterThan(5);
      expect(m.key?.toString()).toBe(key);
    }
    const offsets = letters.map((m) => Number(header(m, DLQ_HEADERS.offset))).sort((a, b) => a - b);
    expect(offsets[1] - offsets[0]).toBe(1);
    expect(offsets[2] - offsets[1]).toBe(1);
    await waitFor(async () => (await profile(after.bin)).status === 200, 'the valid record sent after the bad ones');
  });

  it('changes nothing when the same record is delivered again', async () => {
    const record = fresh();
    const bytes = await encode(record);
    await send([{ key: record.bin, value: bytes }]);
    const first = await waitFor(async () => { const row = await storedRow(record.bin); return row?.event_time.getTime() === record.eventTime && row; }, 'first delivery');
    const marker = syntheticLegalEntity(random, now);
    await send([{ key: record.bin, value: bytes }, { key: record.bin, value: bytes }]);
    // A marker on the same key (partition) proves the redeliveries were processed before it.
    await send([{ key: record.bin, value: await encode({ ...marker, bin: record.bin, eventTime: record.eventTime - 1 }) }]);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await storedRow(record.bin)).toEqual(first);
  });

  it('keeps the latest state by event time when records arrive out of order', async () => {
    const newer = fresh();
    const older = { ...newer, nameRu: 'ТОО «Old Name»', eventTime: newer.eventTime - 60_000 };
    await send([{ key: newer.bin, value: await encode(newer) }, { key: newer.bin, value: await encode(older) }]);
    await waitFor(async () => (await storedRow(newer.bin))?.event_time.getTime() === newer.eventTime, 'row');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await storedRow(newer.bin)).name_ru).toBe(newer.nameRu);
    const newest = { ...newer, nameRu: 'ТОО «New Name»', eventTime: newer.eventTime + 60_000 };
    await send([{ key: newer.bin, value: await encode(newest) }]);
    await waitFor(async () => (await storedRow(newer.bin)).name_ru === 'ТОО «New Name»', 'newer event applied');
  });

  it('answers 400 with what to fix for a malformed BIN and 404 for an unknown one', async () => {
    const malformed = await profile('12345');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'ID_FORMAT', message: expect.stringMatching(/12 digits/) });
    const unknown = testBin(random, { year: 1999, month: 1 }); // synthetic data starts in 2000
    const missing = await profile(unknown);
    expect(missing.status).toBe(404);
  });
});
