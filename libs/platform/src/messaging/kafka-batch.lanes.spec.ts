import type { Kafka } from 'kafkajs';
import { createLogger } from '../observability/logger';
import type { AvroRegistry } from './avro-registry';
import type { DeadLetterPublisher } from './dead-letter.publisher';
import { KafkaBatchServer, isPipelined, laneGroupId } from './kafka-batch.server';
import { Topics } from './topic-catalog';

/** A consumer stand-in that records what the server asked of it. */
function fakeKafka() {
  const consumers: Array<{ groupId: string; topics: string[]; disconnected: boolean; run?: Record<string, unknown>; paused: string[] }> = [];
  const kafka = {
    consumer: ({ groupId }: { groupId: string }) => {
      const c = { groupId, topics: [] as string[], disconnected: false, run: undefined as Record<string, unknown> | undefined, paused: [] as string[] };
      consumers.push(c);
      return {
        events: { GROUP_JOIN: 'j', CRASH: 'c', STOP: 's', REBALANCING: 'r' },
        on: () => undefined,
        connect: async () => undefined,
        subscribe: async ({ topics }: { topics: string[] }) => { c.topics.push(...topics); },
        run: async (options: Record<string, unknown>) => { c.run = options; },
        pause: (topics: Array<{ topic: string }>) => { c.paused.push(...topics.map((t) => t.topic)); },
        disconnect: async () => { c.disconnected = true; },
      };
    },
  } as unknown as Kafka;
  return { kafka, consumers };
}

describe('KafkaBatchServer lanes (TopicSpec.lane)', () => {
  it('the public facts are read in a group of their own, the feeds in the instance group', () => {
    expect(laneGroupId('hub', Topics.publicFacts.name)).toBe('hub.projections');
    expect(laneGroupId('hub', Topics.taxFacts.name)).toBe('hub');
    expect(laneGroupId('hub', Topics.preliminaryIndexes.name)).toBe('hub');
    expect(laneGroupId('hub', Topics.kycRequests.name)).toBe('hub.kyc');
    expect(isPipelined(Topics.kycRequests.name)).toBe(true);
    expect(isPipelined(Topics.publicFacts.name)).toBe(false);
  });

  it('starts one consumer per group, so a feed backlog never sits in front of bpr.facts.v1 in a fetch, and closes both', async () => {
    const { kafka, consumers } = fakeKafka();
    const server = new KafkaBatchServer(kafka, {} as AvroRegistry, {} as DeadLetterPublisher, createLogger('silent'), { groupId: 'hub', topicPrefix: 'p.' });
    for (const t of [Topics.taxFacts, Topics.justiceLegalEntities, Topics.publicFacts]) server.addHandler(t.name, async () => ({ rejected: [] }), true);
    await new Promise<void>((resolve, reject) => { void server.listen((error?: unknown) => (error instanceof Error ? reject(error) : resolve())); });
    expect(consumers.map((c) => [c.groupId, c.topics.sort()])).toEqual([
      ['hub', [`p.${Topics.justiceLegalEntities.name}`, `p.${Topics.taxFacts.name}`].sort()],
      ['hub.projections', [`p.${Topics.publicFacts.name}`]],
    ]);
    await server.close();
    expect(consumers.every((c) => c.disconnected)).toBe(true);
  });

  it('reads KYC requests in a pipelined lane of their own: the lane commits its offsets itself, and stops fetching before it drains at close', async () => {
    const { kafka, consumers } = fakeKafka();
    const server = new KafkaBatchServer(kafka, {} as AvroRegistry, {} as DeadLetterPublisher, createLogger('silent'), { groupId: 'hub', topicPrefix: 'p.' });
    for (const t of [Topics.taxFacts, Topics.kycRequests]) server.addHandler(t.name, async () => ({ rejected: [] }), true);
    await new Promise<void>((resolve, reject) => { void server.listen((error?: unknown) => (error instanceof Error ? reject(error) : resolve())); });
    const [feeds, kyc] = consumers;
    expect([feeds.groupId, kyc.groupId]).toEqual(['hub', 'hub.kyc']);
    expect(kyc.topics).toEqual([`p.${Topics.kycRequests.name}`]);
    expect(kyc.run).toMatchObject({ autoCommit: false, eachBatchAutoResolve: false });
    expect(feeds.run).toMatchObject({ autoCommitThreshold: 1, eachBatchAutoResolve: false });
    await server.close();
    expect(kyc.paused).toEqual([`p.${Topics.kycRequests.name}`]);
    expect(feeds.paused).toEqual([]);
    expect(consumers.every((c) => c.disconnected)).toBe(true);
  });
});
