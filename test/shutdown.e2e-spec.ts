import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Admin } from 'kafkajs';
import { seededRandom } from '@hub/identity';
import { Database, HubConfig, Topics, connectMessaging, createLogger, physicalName } from '@hub/platform';
import { syntheticLegalEntity } from '@hub/synthetic';
import { distinctTestBins, testBin, testConfig, waitFor } from '@hub/test-support';

const MAIN = path.join(__dirname, '..', 'dist', 'apps', 'hub', 'src', 'main.js');

interface RunningHub { process: ChildProcess; output: () => string; exited: Promise<{ code: number | null; signal: string | null }> }

async function startBuiltHub(config: HubConfig): Promise<RunningHub> {
  const env = { ...process.env, TOPIC_PREFIX: config.TOPIC_PREFIX, KAFKA_GROUP_ID: config.KAFKA_GROUP_ID, HTTP_PORT: '0', LOG_LEVEL: 'info' };
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  await waitFor(async () => output.includes('hub listening'), 'hub start', 60000);
  return { process: child, output: () => output, exited };
}

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
    expect(existsSync(MAIN)).toBe(true); // `npm run test:int` builds first
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
