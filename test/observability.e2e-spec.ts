import { INestApplication } from '@nestjs/common';
import { BinAttribute, BinEntityType, seededRandom } from '@hub/identity';
import { AvroRegistry, HubMetrics, HubConfig, KAFKA_PRODUCER, KafkaBatchServer, Topics, physicalName, valueSubject } from '@hub/platform';
import { StatisticalEntityRecord } from '@hub/source-statistics';
import { getJson, testBin, testConfig, waitFor } from '@hub/test-support';
import { Producer } from 'kafkajs';
import { startHub } from '../apps/hub/src/hub.app';

/** Sums the samples of a metric whose labels contain every given `name="value"` pair. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const lines = text.split('\n').filter((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && wanted.every((w) => l.includes(w)));
  return lines.length === 0 ? undefined : lines.reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

describe('GET /metrics and consumer liveness in GET /health', () => {
  let config: HubConfig;
  let app: INestApplication;
  let base: string;
  let topic: string;
  let producer: Producer;
  const random = seededRandom(Date.now() % 2_147_483_647);
  const metrics = async () => {
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    return response.text();
  };

  beforeAll(async () => {
    config = testConfig();
    app = await startHub(config);
    base = await app.getUrl();
    topic = physicalName(config.TOPIC_PREFIX, Topics.statisticsEntities.name);
    producer = app.get(KAFKA_PRODUCER);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('counts an ingested record, a dead letter by its reason code, the lag per partition and HTTP latency', async () => {
    const registry = app.get(AvroRegistry);
    const id = testBin(random, { year: 2017, month: 5 }, BinEntityType.RESIDENT_LEGAL_ENTITY, BinAttribute.HEAD_OFFICE);
    const record: StatisticalEntityRecord = {
      id, katoCode: '751000000', okedPrimary: '62010', okedPrimaryName: 'Computer programming activities', okedSecondary: [],
      sizeClassCode: '105', sizeClassName: 'Small enterprises (<= 5)', eventTime: Date.now() - 60_000,
    };
    const value = await registry.encode(await registry.latestId(valueSubject(topic)), record);
    await producer.send({ topic, acks: -1, messages: [{ key: id, value }, { key: id, value: Buffer.from('not avro at all') }] });

    const text = await waitFor(async () => {
      const t = await metrics();
      return (sample(t, 'hub_records_stored_total', { topic }) ?? 0) >= 1 && (sample(t, 'hub_dead_letters_total', { topic, code: 'NOT_WIRE_FORMAT' }) ?? 0) >= 1 && t;
    }, 'stored record and dead letter counted');
    expect(sample(text, 'hub_records_stored_total', { topic })).toBe(1);
    expect(sample(text, 'hub_dead_letters_total', { topic, code: 'NOT_WIRE_FORMAT' })).toBe(1);
    // Lag is read from the broker at scrape time, one sample per partition of every consumed topic.
    const lagLines = text.split('\n').filter((l) => l.startsWith(`hub_consumer_lag{topic="${topic}"`));
    expect(lagLines).toHaveLength(Math.min(Topics.statisticsEntities.partitions, config.KAFKA_TOPIC_PARTITIONS_MAX ?? Infinity));
    await waitFor(async () => sample(await metrics(), 'hub_consumer_lag', { topic }) === 0, 'lag back to 0 once committed');
    expect(sample(text, 'hub_consumer_last_batch_timestamp_seconds', { topic })).toBeGreaterThan(Date.now() / 1000 - 120);

    await getJson(`${base}/health`);
    expect(sample(await metrics(), 'hub_http_request_duration_seconds_count', { method: 'GET', route: '/health', status: '200' })).toBeGreaterThanOrEqual(1);

    // Named metrics other modules set: the NDIP gateway's EDS failures and the recompute backlog.
    app.get(HubMetrics).edsVerificationFailures.inc({ code: 'CERT_EXPIRED' });
    app.get(HubMetrics).observeRecomputeBacklog(() => ({ tax: 7 }));
    const after = await metrics();
    expect(sample(after, 'hub_eds_verification_failures_total', { code: 'CERT_EXPIRED' })).toBe(1);
    expect(sample(after, 'hub_recompute_backlog', { source: 'tax' })).toBe(7);
  });

  it('reports the consumer alive in /health, and 503 once it is stopped', async () => {
    const up = await getJson(`${base}/health`);
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ status: 'ok', consumer: { status: 'up', groupMember: true, lagOverThreshold: false, pausedPartitions: [] } });
    expect((up.body as { consumer: { assignedPartitions: number } }).consumer.assignedPartitions).toBeGreaterThan(0);

    await app.get(KafkaBatchServer).close();
    const down = await getJson(`${base}/health`);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      status: 'degraded',
      dependencies: { kafka: { status: 'up' }, registry: { status: 'up' }, database: { status: 'up' } },
      consumer: { status: 'down', groupMember: false, reasons: ['consumer stopped'] },
    });
  });
});
