import { KafkaJSProtocolError } from 'kafkajs';
import type { Admin } from 'kafkajs';
import { TopicAdmin } from './topic-admin';
import { Topics } from './topic-catalog';

describe('TopicAdmin.plan', () => {
  const admin = new TopicAdmin({} as Admin, { prefix: 'p.', replicationFactor: 3, minInsyncReplicas: 2 });

  it('declares each feed topic and its dead-letter twin with cluster settings', () => {
    const plan = admin.plan([Topics.justiceLegalEntities]);
    expect(plan.map((t) => t.topic)).toEqual(['p.feed.justice.legal-entities.v1', 'p.feed.justice.legal-entities.v1.dlq']);
    for (const t of plan) {
      expect(t.replicationFactor).toBe(3);
      expect(t.numPartitions).toBe(Topics.justiceLegalEntities.partitions);
      expect(t.configEntries).toContainEqual({ name: 'min.insync.replicas', value: '2' });
    }
  });

  it('lets the broker stamp interruption notices on arrival (BPR §9 counts from when participants are informed)', () => {
    const [main, dlq] = admin.plan([Topics.participantInterruptions]);
    expect(main.configEntries).toContainEqual({ name: 'message.timestamp.type', value: 'LogAppendTime' });
    expect(dlq.configEntries).not.toContainEqual(expect.objectContaining({ name: 'message.timestamp.type' }));
    expect(admin.plan([Topics.justiceLegalEntities])[0].configEntries).not.toContainEqual(expect.objectContaining({ name: 'message.timestamp.type' }));
  });

  it('caps partitions only when a cap is configured (tests on one broker), main and dead-letter topics alike', () => {
    const capped = new TopicAdmin({} as Admin, { prefix: 'p.', replicationFactor: 1, minInsyncReplicas: 1, maxPartitions: 2 });
    expect(Topics.justiceLegalEntities.partitions).toBeGreaterThan(2);
    expect(capped.plan([Topics.justiceLegalEntities]).map((t) => t.numPartitions)).toEqual([2, 2]);
    expect(admin.plan([Topics.justiceLegalEntities]).map((t) => t.numPartitions)).toEqual([Topics.justiceLegalEntities.partitions, Topics.justiceLegalEntities.partitions]);
  });
});

describe('TopicAdmin.ensure', () => {
  const notReady = (type: string) => Object.assign(new KafkaJSProtocolError('This server does not host this topic-partition'), { type });
  /** An admin whose new topics answer metadata requests with `answers`, one per request, then with leaders. */
  const adminAnswering = (answers: Array<Error | 'no-leader'>) => {
    const calls = { created: [] as string[], metadata: 0 };
    const admin = {
      listTopics: async () => [],
      createTopics: async ({ topics }: { topics: Array<{ topic: string }> }) => { calls.created.push(...topics.map((t) => t.topic)); return true; },
      fetchTopicMetadata: async ({ topics }: { topics: string[] }) => {
        const answer = answers[calls.metadata++];
        if (answer instanceof Error) throw answer;
        return { topics: topics.map((name) => ({ name, partitions: [{ partitionId: 0, leader: answer === 'no-leader' ? -1 : 1 }] })) };
      },
    } as unknown as Admin;
    return { admin: new TopicAdmin(admin, { prefix: 'p.', replicationFactor: 1, minInsyncReplicas: 1 }), calls };
  };

  it('waits out a new topic the broker does not know yet, and one without a leader yet', async () => {
    const t = adminAnswering([notReady('UNKNOWN_TOPIC_OR_PARTITION'), notReady('LEADER_NOT_AVAILABLE'), 'no-leader']);
    await expect(t.admin.ensure([Topics.projectEvents])).resolves.toContain('p.' + Topics.projectEvents.name);
    expect(t.calls.metadata).toBe(4);
  });

  it('fails on any other error of the broker', async () => {
    const t = adminAnswering([notReady('TOPIC_AUTHORIZATION_FAILED')]);
    await expect(t.admin.ensure([Topics.projectEvents])).rejects.toThrow('does not host');
    expect(t.calls.metadata).toBe(1);
  });
});
