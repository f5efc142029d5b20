import { EventPattern, Payload } from '@nestjs/microservices';
import { HubConfig, Topics, laneGroupId, physicalName, valueSubject } from '@hub/platform';
import { FeedApp, startFeedApp, testConfig, waitFor } from '@hub/test-support';
import { BatchOutcome, FeedBatch } from './feed-record';
import { FeedConsumer } from './kafka-batch.server';

/**
 * The register's lane in another process (apps/perimeter beside the hub, BPR §14–§15): a process
 * with feeds only, told the hub's group (FRESHNESS_WATCH_LANES_OF), must back off while that
 * group's projection lane has facts it has not committed, judged from the broker alone, and resume
 * once the lane committed them. No lane runs here: the "hub" is a group whose offsets the test moves.
 */
const FEED = Topics.statisticsEntities;
const FACTS = Topics.publicFacts;
const seen: string[] = [];

@FeedConsumer()
class FeedOnly {
  @EventPattern(FEED.name)
  async handle(@Payload() batch: FeedBatch<{ id: string }>): Promise<BatchOutcome> {
    seen.push(...batch.records.map((r) => r.value.id));
    return { rejected: [] };
  }
}

describe('a perimeter\'s feeds yield to the hub\'s register lane, read on the broker (real Kafka)', () => {
  let config: HubConfig;
  let perimeter: FeedApp;
  const hubGroup = `hub-${Date.now().toString(36)}`;

  beforeAll(async () => {
    config = testConfig({
      FRESHNESS_PAUSE_ABOVE_MS: '800', FRESHNESS_RESUME_BELOW_MS: '300', FRESHNESS_MAX_PAUSE_MS: '120000', KAFKA_TOPIC_PARTITIONS_MAX: '2',
      FRESHNESS_WATCH_LANES_OF: hubGroup,
    });
    perimeter = await startFeedApp(config, [FEED, FACTS], [FeedOnly]);
  }, 60000);

  afterAll(async () => {
    await perimeter?.close();
  });

  const feedTopic = () => physicalName(config.TOPIC_PREFIX, FEED.name);
  const factsTopic = () => physicalName(config.TOPIC_PREFIX, FACTS.name);
  const sendFeed = async (ids: string[]) => {
    const schemaId = await perimeter.registry.latestId(valueSubject(feedTopic()));
    const messages = await Promise.all(ids.map(async (id) => ({
      key: 'k', value: await perimeter.registry.encode(schemaId, { id, katoCode: '751000000', okedPrimary: '62010', okedPrimaryName: 'x', okedSecondary: [], sizeClassCode: '105', sizeClassName: 'x', eventTime: Date.now() }),
    })));
    await perimeter.producer.send({ topic: feedTopic(), acks: -1, messages });
  };
  const sendFacts = async (n: number) => {
    const schemaId = await perimeter.registry.latestId(valueSubject(factsTopic()));
    const value = await perimeter.registry.encode(schemaId, { subjectId: '000000000000', kind: 'STATISTICS', itemKey: '', eventTime: Date.now(), storedAt: Date.now(), facts: '{}' });
    await perimeter.producer.send({ topic: factsTopic(), acks: -1, messages: Array.from({ length: n }, (_, i) => ({ key: `s${i}`, value })) });
  };
  const hubLane = () => laneGroupId(hubGroup, FACTS.name);

  it('backs off while the hub\'s lane holds uncommitted facts, keeps the feed records, and resumes once the lane committed them', async () => {
    await sendFeed(['before']);
    await waitFor(async () => seen.includes('before'), 'the feed flowing');
    expect(perimeter.server.backoffState().paused).toBe(false);

    // The hub's register lane falls behind: facts on the topic that its group has not committed.
    await sendFacts(6);
    await waitFor(async () => perimeter.server.backoffState().paused, 'feeds backing off on the hub lane\'s offsets', 20000);
    await sendFeed(['held-1', 'held-2']);
    await new Promise((r) => setTimeout(r, 3000));
    expect(seen).not.toContain('held-1');
    expect(perimeter.server.backoffState().paused).toBe(true);

    // The lane catches up: its group commits every fact (as the hub's lane does after each batch).
    const ends = await perimeter.admin.fetchTopicOffsets(factsTopic());
    await perimeter.admin.setOffsets({ groupId: hubLane(), topic: factsTopic(), partitions: ends.map((e) => ({ partition: e.partition, offset: e.high })) });
    await waitFor(async () => !perimeter.server.backoffState().paused, 'feeds resumed once the hub lane committed', 20000);
    await waitFor(async () => seen.includes('held-2'), 'held records taken in after the resume');
    expect(seen.filter((id) => id.startsWith('held-'))).toEqual(['held-1', 'held-2']);
  }, 90_000);
});
