import { EventPattern, Payload } from '@nestjs/microservices';
import { Admin, Producer } from 'kafkajs';
import { HubConfig, Topics, laneGroupId, physicalName, valueSubject } from '@hub/platform';
import { FeedApp, startFeedApp, testConfig, waitFor } from '@hub/test-support';
import { AvroRegistry } from './avro-registry';
import { BatchOutcome, FeedBatch } from './feed-record';
import { BackoffReason } from './freshness.rules';
import { FeedConsumer, KafkaBatchServer } from './kafka-batch.server';

/**
 * Freshness before throughput on the real broker: a feed (statistics entities) and the projection
 * lane (bpr.facts.v1, TopicSpec.freshness). The projection handler is held at a gate, so the lane's
 * oldest record ages past the threshold: the feeds must stop being fetched, keep their records on
 * the broker, and take every one of them, once and in order, after the lane caught up.
 */
const FEED = Topics.statisticsEntities;
const FACTS = Topics.publicFacts;
const seen: string[] = [];
const gate: { open: Promise<void>; release: () => void } = { open: Promise.resolve(), release: () => undefined };
let projected = 0;

@FeedConsumer()
class FeedHandler {
  @EventPattern(FEED.name)
  async handle(@Payload() batch: FeedBatch<{ id: string }>): Promise<BatchOutcome> {
    seen.push(...batch.records.map((r) => r.value.id));
    return { rejected: [] };
  }
}

@FeedConsumer()
class ProjectionHandler {
  @EventPattern(FACTS.name)
  async handle(@Payload() batch: FeedBatch<unknown>): Promise<BatchOutcome> {
    await gate.open;
    projected += batch.records.length;
    return { rejected: [] };
  }
}

describe('feeds back off while a projection lane is behind (real Kafka)', () => {
  let config: HubConfig;
  let harness: FeedApp;
  let server: KafkaBatchServer;
  let producer: Producer;
  let registry: AvroRegistry;
  let admin: Admin;
  let base: string;

  beforeAll(async () => {
    config = testConfig({ FRESHNESS_PAUSE_ABOVE_MS: '800', FRESHNESS_RESUME_BELOW_MS: '300', FRESHNESS_MAX_PAUSE_MS: '120000', KAFKA_TOPIC_PARTITIONS_MAX: '2' });
    harness = await startFeedApp(config, [FEED, FACTS], [FeedHandler, ProjectionHandler]);
    ({ server, producer, registry, admin, base } = harness);
  }, 60000);

  afterAll(async () => {
    gate.release();
    await harness?.close();
  });

  const feedTopic = () => physicalName(config.TOPIC_PREFIX, FEED.name);
  const factsTopic = () => physicalName(config.TOPIC_PREFIX, FACTS.name);
  const entity = (id: string) => ({
    id, katoCode: '751000000', okedPrimary: '62010', okedPrimaryName: 'x', okedSecondary: [], sizeClassCode: '105', sizeClassName: 'x', eventTime: Date.now(),
  });
  const sendFeed = async (ids: string[]) => {
    const schemaId = await registry.latestId(valueSubject(feedTopic()));
    // Keyed by one of two ids, so both partitions take records and each keeps its order.
    const messages = await Promise.all(ids.map(async (id, i) => ({ key: `k${i % 2}`, value: await registry.encode(schemaId, entity(id)) })));
    await producer.send({ topic: feedTopic(), acks: -1, messages });
  };
  const sendFact = async () => {
    const schemaId = await registry.latestId(valueSubject(factsTopic()));
    const value = await registry.encode(schemaId, { subjectId: '000000000000', kind: 'STATISTICS', itemKey: '', eventTime: Date.now(), storedAt: Date.now(), facts: '{}' });
    await producer.send({ topic: factsTopic(), acks: -1, messages: [{ key: '000000000000', value }] });
  };
  const metric = async (line: string) => {
    const text = await (await fetch(`${base}/metrics`)).text();
    const found = text.split('\n').find((l) => l.startsWith(line));
    return found === undefined ? undefined : Number(found.split(' ').pop());
  };
  const committedFeed = async () => (await admin.fetchOffsets({ groupId: config.KAFKA_GROUP_ID, topics: [feedTopic()] }))[0].partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);

  it('pauses the feeds while the lane is older than the threshold, keeps their records, and resumes once it caught up', async () => {
    // Flowing: a feed record and a fact go straight through.
    await sendFeed(['before-0']);
    await sendFact();
    await waitFor(async () => seen.includes('before-0') && projected === 1, 'feed and lane flowing');
    expect(server.backoffState().paused).toBe(false);
    expect(await metric('hub_feed_backoff ')).toBe(0);

    // The projection stalls: its batch in flight ages past 800 ms and the feeds back off.
    gate.open = new Promise<void>((resolve) => { gate.release = resolve; });
    await sendFact();
    await waitFor(async () => server.backoffState().paused, 'feeds backing off', 20000);
    expect([BackoffReason.LANE_BEHIND, BackoffReason.CATCHING_UP]).toContain(server.backoffState().reason);
    expect(await metric('hub_feed_backoff ')).toBe(1);
    expect(await metric('hub_lane_age_seconds{lane="projections"}')).toBeGreaterThan(0.8);

    // Feed records produced now stay on the broker: none is taken in, no offset moves.
    const committedBefore = await committedFeed();
    const held = Array.from({ length: 40 }, (_, i) => `held-${String(i).padStart(2, '0')}`);
    await sendFeed(held);
    await new Promise((r) => setTimeout(r, 4000));
    expect(seen.filter((id) => id.startsWith('held-'))).toEqual([]);
    expect(await committedFeed()).toBe(committedBefore);
    expect(server.backoffState().paused).toBe(true);

    // The lane catches up: the feeds resume and take every held record, once, in order per key.
    gate.release();
    await waitFor(async () => projected === 2, 'the stalled fact projected');
    await waitFor(async () => !server.backoffState().paused, 'feeds resumed', 20000);
    await waitFor(async () => seen.filter((id) => id.startsWith('held-')).length >= held.length, 'held records taken in after the resume', 30000);
    const taken = seen.filter((id) => id.startsWith('held-'));
    expect([...taken].sort()).toEqual(held);
    for (const parity of [0, 1]) {
      const ofKey = held.filter((_, i) => i % 2 === parity);
      expect(taken.filter((id) => ofKey.includes(id))).toEqual(ofKey);
    }
    await waitFor(async () => (await committedFeed()) === committedBefore + held.length, 'offsets committed past the held records');
    expect(await metric('hub_feed_backoff ')).toBe(0);
    expect(await metric('hub_feed_backoff_changes_total{reason="LANE_BEHIND"}')).toBe(1);
    expect(await metric('hub_feed_backoff_changes_total{reason="CAUGHT_UP"}')).toBe(1);
    expect(await metric(`hub_lane_batch_lag_seconds_count{topic="${factsTopic()}"}`)).toBe(2);
    // The lane's own offsets moved too (its group is `<group>.projections`).
    const lane = await admin.fetchOffsets({ groupId: laneGroupId(config.KAFKA_GROUP_ID, FACTS.name), topics: [factsTopic()] });
    expect(lane[0].partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0)).toBe(2);
  }, 120_000);
});
