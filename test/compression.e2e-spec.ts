import path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { BinAttribute, BinEntityType, seededRandom } from '@hub/identity';
import { AvroRegistry, HubConfig, KAFKA_PRODUCER, Topics, physicalName, valueSubject } from '@hub/platform';
import { StatisticalEntityRecord } from '@hub/source-statistics';
import { consoleProduce, inspectDatabase, storedCodecs, testBin, testConfig, waitFor } from '@hub/test-support';
import { Producer } from 'kafkajs';
import { startHub } from '../apps/hub/src/hub.app';

const CODECS = ['gzip', 'snappy', 'lz4', 'zstd'] as const;
const PER_CODEC = 40;
const KAFKA_DATA = path.join(process.env.STACK_DIR ?? path.resolve(__dirname, '..', '.local-stack'), 'kafka-data');

/**
 * A state body's producer in Java (or Go, or librdkafka) often compresses with Snappy, LZ4 or ZSTD.
 * Records come from Kafka's own Java console producer with `compression.type` set; every one must
 * be stored.
 */
describe('compressed feeds from a non-kafkajs producer', () => {
  let config: HubConfig;
  let app: INestApplication;
  let topic: string;
  let schemaId: number;
  const random = seededRandom(Date.now() % 2_147_483_647);

  beforeAll(async () => {
    // The catalog's own partition count (uncapped): the codec batches spread as a state body's producer would spread them.
    config = testConfig({ KAFKA_TOPIC_PARTITIONS_MAX: '1000' });
    app = await startHub(config);
    topic = physicalName(config.TOPIC_PREFIX, Topics.statisticsEntities.name);
    schemaId = await app.get(AvroRegistry).latestId(valueSubject(topic));
    // The consumer must own its partitions before the codecs are timed: one plain record, stored, shows it does.
    const warm = testBin(random, { year: 2016, month: 3 }, BinEntityType.RESIDENT_LEGAL_ENTITY, BinAttribute.HEAD_OFFICE);
    await app.get<symbol, Producer>(KAFKA_PRODUCER).send({ topic, acks: -1, messages: [{ key: warm, value: await app.get(AvroRegistry).encode(schemaId, record(warm)) }] });
    await waitFor(async () => (await inspectDatabase().query('SELECT 1 FROM src_stat.entities WHERE id = $1', [warm])).length === 1, 'the warm-up record stored', 80_000);
  }, 150_000);

  afterAll(async () => {
    await app?.close();
  });

  const record = (id: string): StatisticalEntityRecord => ({
    id, katoCode: '751000000', okedPrimary: '62010', okedPrimaryName: 'Computer programming activities', okedSecondary: [],
    sizeClassCode: '105', sizeClassName: 'Small enterprises (<= 5)', eventTime: Date.now() - 60_000,
  });

  it.each(CODECS)('stores every record of a %s-compressed feed', async (codec) => {
    const registry = app.get(AvroRegistry);
    const ids = Array.from({ length: PER_CODEC }, () => testBin(random, { year: 2016, month: 3 }, BinEntityType.RESIDENT_LEGAL_ENTITY, BinAttribute.HEAD_OFFICE));
    const records = await Promise.all(ids.map(async (id) => ({ key: id, value: await registry.encode(schemaId, record(id)) })));
    await consoleProduce(config.KAFKA_BROKERS, topic, records, codec);
    const database = inspectDatabase();
    await waitFor(async () => {
      const [{ n }] = await database.query<{ n: string }>('SELECT count(*) AS n FROM src_stat.entities WHERE id = ANY($1)', [ids]);
      return Number(n) === ids.length;
    // The ids are distinct (testBin never repeats in a file): a repeated id was once read as a lost record.
    }, `${ids.length} ${codec} records stored`, 120_000);
  }, 150_000);

  it('the broker holds the batches compressed with each codec (the records above were not sent plain)', () => {
    const batches: string[] = [];
    const partitions = Math.min(Topics.statisticsEntities.partitions, config.KAFKA_TOPIC_PARTITIONS_MAX ?? Infinity);
    for (let p = 0; p < partitions; p++) batches.push(...storedCodecs(KAFKA_DATA, topic, p));
    // Exactly one plain batch: the warm-up record kafkajs sent; every console-producer batch is compressed.
    expect(batches.filter((c) => c === 'none')).toHaveLength(1);
    expect([...new Set(batches.filter((c) => c !== 'none'))].sort()).toEqual([...CODECS].sort());
  }, 60000);
});
