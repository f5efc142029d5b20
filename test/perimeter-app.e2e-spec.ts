import { INestApplication } from '@nestjs/common';
import { AlgorithmRegistry } from '@hub/algorithms';
import type { BprPreliminaryIndex, UtilityArrears } from '@hub/contracts';
import { BinAttribute, BinEntityType, seededRandom } from '@hub/identity';
import { ALGORITHMS_DIR, PreliminaryIndexPublisher, PreliminaryIndexer, recomputeAll } from '@hub/perimeter';
import { AvroRegistry, HOSTED_TOPICS, HubConfig, KAFKA_PRODUCER, TopicSpec, Topics, physicalName, valueSubject } from '@hub/platform';
import { UtilityPreliminaryIndexer } from '@hub/source-utility';
import { getJson, testBin, testConfig, waitFor } from '@hub/test-support';
import { Consumer, Kafka, Producer } from 'kafkajs';
import { startPerimeter } from '../apps/perimeter/src/perimeter.app';

const now = new Date();
const random = seededRandom(Date.now() % 2_147_483_647);
const newBin = () => testBin(random, { year: 2018, month: 1 + Math.floor(random() * 12) }, BinEntityType.RESIDENT_LEGAL_ENTITY, BinAttribute.HEAD_OFFICE);
const period = (back: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);

describe('a perimeter as its own app (SOURCE=utility)', () => {
  let config: HubConfig;
  let app: INestApplication;
  let producer: Producer;
  let registry: AvroRegistry;
  let consumer: Consumer;
  const received: BprPreliminaryIndex[] = [];
  const supplier = newBin();
  const light = newBin();
  const heavy = newBin();

  beforeAll(async () => {
    config = testConfig();
    app = await startPerimeter(config, 'utility');
    producer = app.get(KAFKA_PRODUCER);
    registry = app.get(AvroRegistry);
    consumer = app.get(Kafka).consumer({ groupId: `${config.KAFKA_GROUP_ID}-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: physicalName(config.TOPIC_PREFIX, Topics.preliminaryIndexes.name), fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => { received.push((await registry.decode(message.value)) as BprPreliminaryIndex); } });
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await app?.close();
  });

  const arrears = (id: string, back: number, monthsOverdue: number): UtilityArrears => ({
    id, supplierBin: supplier, supplierName: 'Energy supplier of Almaty', serviceKind: 'ELECTRICITY', billingPeriod: period(back),
    monthsOverdue, amountOwedTiyn: monthsOverdue * 5_000_000, eventTime: now.getTime() - 60_000,
  });
  const send = async (records: UtilityArrears[]) => {
    const topic = physicalName(config.TOPIC_PREFIX, Topics.utilityArrears.name);
    const schemaId = await registry.latestId(valueSubject(topic));
    await producer.send({ topic, acks: -1, messages: await Promise.all(records.map(async (r) => ({ key: r.id, value: await registry.encode(schemaId, r) }))) });
  };
  const latest = (id: string) => received.filter((r) => r.subjectId === id && r.indexKind === 'PAYMENT_DISCIPLINE').at(-1);

  it('hosts only its own feed and the preliminary-index and public-fact topics, and serves health', async () => {
    expect(app.get<readonly TopicSpec[]>(HOSTED_TOPICS).map((t) => t.name).sort()).toEqual([Topics.preliminaryIndexes.name, Topics.publicFacts.name, Topics.utilityArrears.name].sort());
    const health = await getJson(`${await app.getUrl()}/health`);
    expect(health.status).toBe(200);
  });

  it('publishes a payment-discipline index that rises with more months overdue', async () => {
    await send([arrears(light, 3, 2), ...[6, 5, 4, 3, 2, 1].map((back, i) => arrears(heavy, back, i + 1))]);
    const [l, h] = await waitFor(async () => {
      const pair = [latest(light), latest(heavy)];
      return pair.every(Boolean) ? pair as BprPreliminaryIndex[] : undefined;
    }, 'utility indexes of both customers');
    const inForce = new AlgorithmRegistry(ALGORITHMS_DIR()).inForce('utility.payment-discipline').version;
    expect(l).toMatchObject({ source: 'UTILITY', algorithm: 'utility.payment-discipline', algorithmVersion: inForce });
    expect(h.riskValue).toBeGreaterThan(l.riskValue);
    expect(h.factors.map((f) => f.code)).toContain('NON_PAYMENT_MONTHS');
    expect(received.some((r) => r.subjectId === heavy && r.indexKind === 'FINANCIAL_STABILITY')).toBe(true);
  });

  it('recomputes every subject of the source on demand (algorithm roll-out), page by page', async () => {
    const real = app.get(UtilityPreliminaryIndexer);
    const page = await real.ids(null, 3);
    expect(page).toEqual([...page].sort());
    expect((await real.ids(page[page.length - 1], 3)).every((id) => id > page[page.length - 1])).toBe(true);
    // The shared test database holds other runs' customers: recompute only this run's, through the real feature reader.
    const mine = [light, heavy].sort();
    const scoped: PreliminaryIndexer = {
      source: real.source, kinds: real.kinds, features: (ids, at) => real.features(ids, at),
      ids: async (after, limit) => mine.filter((id) => after === null || id > after).slice(0, limit),
    };
    const before = received.length;
    const progress: number[] = [];
    const result = await recomputeAll(scoped, app.get(PreliminaryIndexPublisher), { batchSize: 1, onProgress: (p) => progress.push(p.subjects) });
    expect(result).toMatchObject({ subjects: 2, indexes: 4 });
    expect(progress).toEqual([1, 2]);
    await waitFor(async () => received.length >= before + 4, 'recomputed indexes on the topic');
  });
});
