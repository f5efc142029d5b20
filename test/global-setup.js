// Starts (or reuses) the real local stack before integration tests. Never skips: if Kafka, the
// registry or PostgreSQL cannot be reached, the whole run fails with the stack script's message.
// An open port is not readiness: on a freshly formatted broker the first consumer group waits for
// __consumer_offsets and its coordinator, so a produce -> group-consume round trip is awaited here.
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');
const { Kafka, logLevel } = require('kafkajs');

async function kafkaRoundTrip(brokers, timeoutMs) {
  const kafka = new Kafka({ clientId: 'test-warmup', brokers, logLevel: logLevel.NOTHING });
  const topic = 'hub-test-warmup';
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    }
  } finally {
    await admin.disconnect();
  }
  const marker = `warmup-${Date.now()}`;
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: [{ value: marker }] });
  await producer.disconnect();
  const consumer = kafka.consumer({ groupId: `test-warmup-${Date.now()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Kafka consumer group round trip did not complete within ${timeoutMs} ms`)), timeoutMs);
      consumer.run({ eachMessage: async ({ message }) => { if (message.value.toString() === marker) { clearTimeout(timer); resolve(); } } }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

// Each test file provisions its own prefixed topics (test/support testConfig: `t<base36 ms><6 hex>.`).
// On a developer's long-lived broker they pile up run after run until Kafka runs out of heap, so
// topics of test runs older than a few hours are deleted here; a fresh CI broker has none.
async function deleteStaleTestTopics(brokers, maxAgeMs) {
  const kafka = new Kafka({ clientId: 'test-cleanup', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const stale = (await admin.listTopics()).filter((t) => {
      const m = /^t([0-9a-z]{8})[0-9a-f]{6}\./.exec(t);
      return m && Date.now() - parseInt(m[1], 36) > maxAgeMs;
    });
    for (let i = 0; i < stale.length; i += 200) await admin.deleteTopics({ topics: stale.slice(i, i + 200), timeout: 60000 });
    if (stale.length) process.stderr.write(`[test] deleted ${stale.length} topics of test runs older than ${maxAgeMs / 3600000} h\n`);
  } finally {
    await admin.disconnect();
  }
}

module.exports = async () => {
  if (process.env.HUB_TEST_EXTERNAL_STACK !== 'true') {
    execFileSync('bash', [path.join(__dirname, '..', 'infra', 'stack.sh'), 'up'], { stdio: 'inherit' });
  }
  // The database roles (owner + one per module), from the built catalog: `npm run test:int` builds first.
  const rolesTool = path.join(__dirname, '..', 'dist', 'tools', 'db-roles.js');
  if (!existsSync(rolesTool)) throw new Error(`${rolesTool} is missing: run \`npm run build\` first`);
  execFileSync(process.execPath, [rolesTool], { stdio: 'inherit' });
  // Every test file provisions a prefixed copy of the topic catalog; capped at 2 partitions each, a
  // whole run stays within one local broker's open-file limit (child processes inherit the setting).
  if (!process.env.KAFKA_TOPIC_PARTITIONS_MAX) process.env.KAFKA_TOPIC_PARTITIONS_MAX = '2';
  // Every hub a test starts signs and verifies with real keys: the development PKI, unless the
  // environment configures one (dist/ is built by `npm run test:int` before jest starts).
  if (!process.env.EDS_KEY_FILE) {
    const { ensureHubDevPki } = require(path.join(__dirname, '..', 'dist', 'tools', 'hub-dev-pki.js'));
    const pki = await ensureHubDevPki(path.join(__dirname, '..', '.local-stack', 'dev-pki'));
    Object.assign(process.env, pki.env);
    process.env.HUB_TEST_DEV_PKI = path.join(__dirname, '..', '.local-stack', 'dev-pki');
  }
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());
  const started = Date.now();
  await kafkaRoundTrip(brokers, 120000);
  process.stderr.write(`[test] Kafka ready (group round trip in ${Date.now() - started} ms)\n`);
  // One hour: a full run takes under 20 minutes, and a broker here holds at most ~20,000 open files
  // (three runs of the whole suite in an afternoon, plus the benches, reached it and Kafka stopped).
  await deleteStaleTestTopics(brokers, 3600000);
};
