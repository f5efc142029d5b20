import { existsSync } from 'node:fs';
import { Admin, Consumer } from 'kafkajs';
import { AvroRegistry, FEED_TOPICS, Topics, createKafka, createLogger, physicalName } from '@hub/platform';
import { HUB_MAIN, RunningHub, committedOffsets, generateFeeds, inspectDatabase, startBuiltHub, testConfig, waitFor } from '@hub/test-support';

/** Every source's store and the indexes each of its subjects must get (the indexers' kinds). */
const SOURCES = [
  { source: 'JUSTICE', outbox: 'src_justice.recompute_outbox', ids: 'SELECT bin AS id FROM src_justice.legal_entities WHERE source_topic = ANY($1)', kinds: ['CONSCIENTIOUSNESS', 'FINANCIAL_STABILITY'] },
  {
    source: 'TAX', outbox: 'src_tax.recompute_outbox', kinds: ['CONSCIENTIOUSNESS', 'FINANCIAL_STABILITY', 'PAYMENT_DISCIPLINE'],
    ids: `SELECT id FROM src_tax.facts WHERE source_topic = ANY($1) UNION SELECT id FROM src_tax.financials WHERE source_topic = ANY($1)
          UNION SELECT id FROM src_tax.list_memberships WHERE source_topic = ANY($1)`,
  },
  { source: 'STATISTICS', outbox: 'src_stat.recompute_outbox', ids: 'SELECT id FROM src_stat.entities WHERE source_topic = ANY($1)', kinds: ['CONSCIENTIOUSNESS', 'FINANCIAL_STABILITY', 'PAYMENT_DISCIPLINE'] },
  { source: 'COURT', outbox: 'src_court.recompute_outbox', ids: 'SELECT DISTINCT party_id AS id FROM src_court.civil_cases WHERE source_topic = ANY($1)', kinds: ['PAYMENT_DISCIPLINE', 'FINANCIAL_STABILITY'] },
  { source: 'UTILITY', outbox: 'src_utility.recompute_outbox', ids: 'SELECT DISTINCT id FROM src_utility.arrears WHERE source_topic = ANY($1)', kinds: ['PAYMENT_DISCIPLINE', 'FINANCIAL_STABILITY'] },
];

/**
 * The outbox's reason to exist: recomputes pending at a crash are not lost. A mixed feed of a few
 * thousand records, the hub killed with -9 while ingesting (derived work pending, by a long quiet
 * window), then restarted as is: every preliminary index every stored subject should have appears,
 * with no manual recompute.
 */
describe('kill -9 mid-ingest: pending recomputes survive in the outbox', () => {
  const config = testConfig();
  const db = inspectDatabase();
  const feedTopics = FEED_TOPICS.map((t) => physicalName(config.TOPIC_PREFIX, t.name));
  const indexTopic = physicalName(config.TOPIC_PREFIX, Topics.preliminaryIndexes.name);
  let hub: RunningHub | undefined;
  let admin: Admin;
  let reader: Consumer | undefined;

  afterAll(async () => {
    hub?.process.kill('SIGKILL');
    await reader?.disconnect();
    await admin?.disconnect();
  });

  const pending = async (): Promise<number> => {
    let n = 0;
    for (const s of SOURCES) n += Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${s.outbox}`))[0].n);
    return n;
  };

  it('restarts and publishes every expected preliminary index without a manual recompute', async () => {
    expect(existsSync(HUB_MAIN)).toBe(true);
    const kafka = createKafka(config, createLogger('silent'), '-kill-test');
    admin = kafka.admin();
    await admin.connect();
    const before = await pending();

    // First run: provision, then ingest a backlog with recomputes held back (a long quiet window).
    hub = await startBuiltHub(config, { RECOMPUTE_QUIET_MS: '600000', KAFKA_PARTITIONS_CONCURRENTLY: '1', LOG_LEVEL: 'warn' });
    const feed = await generateFeeds(config, 500, 20261201);
    expect(feed.records).toBeGreaterThan(4000);
    const atKill = await waitFor(async () => {
      const n = await pending();
      return n - before >= 200 && n;
    }, 'ids pending in the outboxes', 60_000);
    hub.process.kill('SIGKILL');
    expect(await hub.exited).toEqual({ code: null, signal: 'SIGKILL' });
    hub = undefined;
    const committedAtKill = await committedOffsets(admin, config.KAFKA_GROUP_ID, feedTopics);
    expect(committedAtKill).toBeLessThan(feed.records); // killed mid-ingest
    expect(await pending()).toBeGreaterThanOrEqual(atKill); // the pending work is on disk

    // Second run, defaults: it finishes the ingest and drains what the first run left.
    hub = await startBuiltHub(config, { LOG_LEVEL: 'warn' });
    await waitFor(async () => (await committedOffsets(admin, config.KAFKA_GROUP_ID, feedTopics)) >= feed.records, 'the feed ingested', 120_000);
    const expected = new Set<string>();
    for (const s of SOURCES) {
      const ids = (await db.query<{ id: string }>(s.ids, [feedTopics])).map((r) => r.id.trim());
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) for (const kind of s.kinds) expected.add(`${s.source}|${id}|${kind}`);
    }

    const registry = new AvroRegistry(config.SCHEMA_REGISTRY_URL);
    const seen = new Set<string>();
    reader = kafka.consumer({ groupId: `${config.KAFKA_GROUP_ID}-reader` });
    await reader.connect();
    await reader.subscribe({ topic: indexTopic, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const v = (await registry.decode(message.value)) as { subjectId: string; source: string; indexKind: string };
        seen.add(`${v.source}|${v.subjectId.trim()}|${v.indexKind}`);
      },
    });
    const missing = () => [...expected].filter((k) => !seen.has(k));
    await waitFor(async () => missing().length === 0, 'every expected preliminary index', 180_000).catch((error: Error) => {
      throw new Error(`${error.message}: ${missing().length} of ${expected.size} missing, e.g. ${missing().slice(0, 5).join(', ')}\n${hub?.output().slice(-2000)}`);
    });
    expect(seen.size).toBeGreaterThanOrEqual(expected.size);
    await waitFor(async () => (await pending()) <= before, 'the outboxes drained', 30_000);

    hub.process.kill('SIGTERM');
    expect((await hub.exited).code).toBe(0);
    hub = undefined;
  }, 420_000);
});
