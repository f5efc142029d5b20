import { existsSync } from 'node:fs';
import { Admin } from 'kafkajs';
import { seededRandom } from '@hub/identity';
import { Database, FEED_TOPICS, Topics, connectMessaging, createKafka, createLogger, physicalName } from '@hub/platform';
import { syntheticLegalEntity } from '@hub/synthetic';
import { HUB_MAIN, RunningHub, committedOffsets, distinctTestBins, generateFeeds, inspectDatabase, startBuiltHub, testBin, testConfig, waitFor } from '@hub/test-support';

/** Runs the built hub as a real process, the way `npm start` does, so SIGTERM is the real signal. */
describe('SIGTERM on the hub process', () => {
  const config = testConfig();
  const topic = physicalName(config.TOPIC_PREFIX, Topics.justiceLegalEntities.name);
  let admin: Admin;
  let database: Database;
  let hub: RunningHub | undefined;

  const committed = async () => {
    const [group] = await admin.fetchOffsets({ groupId: config.KAFKA_GROUP_ID, topics: [topic] });
    return group.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  };
  const stored = async (bins: string[]) =>
    // Scoped to this run's topic: the seeded BINs may exist from earlier runs.
    Number((await database.query<{ n: string }>('SELECT count(*) AS n FROM src_justice.legal_entities WHERE bin = ANY($1) AND source_topic = $2', [bins, topic]))[0].n);

  afterAll(async () => {
    hub?.process.kill('SIGKILL');
    await admin?.disconnect();
    await database?.close();
  });

  // Two real process starts on a busy 2-core machine: allow minutes, not the default 60 s.
  it('drains, commits every processed offset and exits 0; a restart carries on from there', async () => {
    expect(existsSync(HUB_MAIN)).toBe(true); // `npm run test:int` builds first
    const clients = await connectMessaging(config, createLogger('silent'), '-shutdown-test');
    admin = clients.kafka.admin();
    await admin.connect();
    database = new Database(config.DATABASE_URL);
    try {
      hub = await startBuiltHub(config);
      const random = seededRandom(Date.now() % 2 ** 31);
      // Stamped now: newer than any row an earlier run left for a colliding synthetic BIN.
      const batch = distinctTestBins(random, 500).map((bin) => ({ ...syntheticLegalEntity(random, new Date()), bin, eventTime: Date.now() }));
      await clients.publisher.publish(Topics.justiceLegalEntities, batch.map((r) => ({ key: r.bin, value: r })));
      await waitFor(async () => (await stored(batch.map((r) => r.bin))) === 500, 'first batch stored', 90000)
        .catch(async (error: Error) => {
          const ends = await admin.fetchTopicOffsets(topic);
          throw new Error(`${error.message}; committed ${await committed()}, topic end offsets ${JSON.stringify(ends)}\nhub output:\n${hub?.output().slice(-3000)}`);
        });

      hub.process.kill('SIGTERM');
      expect(await hub.exited).toEqual({ code: 0, signal: null });
      expect(hub.output()).toContain('SIGTERM received: draining');
      expect(await committed()).toBe(500);

      hub = await startBuiltHub(config);
      const later = { ...syntheticLegalEntity(random, new Date()), bin: testBin(random), eventTime: Date.now() };
      await clients.publisher.publish(Topics.justiceLegalEntities, [{ key: later.bin, value: later }]);
      await waitFor(async () => (await stored([later.bin])) === 1, 'record after restart stored');
      await waitFor(async () => (await committed()) === 501, 'offset after restart committed');
      hub.process.kill('SIGTERM');
      expect((await hub.exited).code).toBe(0);
      hub = undefined;
    } finally {
      await clients.close();
    }
  }, 240_000);
});

const OUTBOXES = ['src_justice', 'src_tax', 'src_stat', 'src_court', 'src_utility'].map((s) => `${s}.recompute_outbox`);

describe('SIGTERM under a backlog', () => {
  const config = testConfig();
  let hub: RunningHub | undefined;
  let admin: Admin | undefined;

  afterAll(async () => {
    hub?.process.kill('SIGKILL');
    await admin?.disconnect();
  });

  // The bound an orchestrator's grace period needs: the batch in flight, its commit, and nothing
  // derived on the way out (it waits in the outbox), however much is still queued on the topics.
  it('exits 0 within 10 s, leaving the backlog on the topics and the derived work in the outbox', async () => {
    const db = inspectDatabase();
    const pending = async () => {
      let n = 0;
      for (const t of OUTBOXES) n += Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`))[0].n);
      return n;
    };
    const feedTopics = FEED_TOPICS.map((t) => physicalName(config.TOPIC_PREFIX, t.name));
    admin = createKafka(config, createLogger('silent'), '-shutdown-backlog').admin();
    await admin.connect();
    // Provision first (topics, schemas), then queue a backlog of tens of thousands of records.
    hub = await startBuiltHub(config, { LOG_LEVEL: 'warn' });
    hub.process.kill('SIGTERM');
    expect((await hub.exited).code).toBe(0);
    const feed = await generateFeeds(config, 3000, 20261202);
    expect(feed.records).toBeGreaterThan(30_000);
    const before = await pending();

    hub = await startBuiltHub(config, { LOG_LEVEL: 'warn' });
    await waitFor(async () => (await committedOffsets(admin!, config.KAFKA_GROUP_ID, feedTopics)) >= 3000, 'ingest under way', 60_000);
    const signalled = Date.now();
    hub.process.kill('SIGTERM');
    const exit = await hub.exited;
    const took = Date.now() - signalled;
    // The hub's last words beside a bad exit, so a failure says why.
    expect({ ...exit, output: exit.code === 0 ? '' : hub.output().slice(-3000) }).toEqual({ code: 0, signal: null, output: '' });
    expect(took).toBeLessThan(10_000);
    expect(hub.output()).toMatch(/hub stopped in \d+ ms/);
    hub = undefined;
    const committed = await committedOffsets(admin, config.KAFKA_GROUP_ID, feedTopics);
    expect(committed).toBeLessThan(feed.records); // the backlog was really there
    expect(await pending()).toBeGreaterThan(before); // and the derived work waits on disk
  }, 300_000);
});
