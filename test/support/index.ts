import { randomBytes } from 'node:crypto';
import { Kafka, KafkaMessage } from 'kafkajs';
import { Database, HubConfig, loadConfig } from '@hub/platform';

/**
 * A config for one test file: its own topic prefix and consumer group, so files never see each
 * other's records, and an ephemeral HTTP port. Everything else points at the real local stack.
 */
export function testConfig(overrides: Record<string, string> = {}): HubConfig {
  const run = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  return loadConfig({
    ...process.env,
    TOPIC_PREFIX: `${run}.`,
    KAFKA_GROUP_ID: `${run}-hub`,
    KAFKA_CLIENT_ID: `${run}-client`,
    HTTP_PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // tests poll one session faster than a person would; the portal's own test sets a small limit
    PORTAL_RATE_LIMIT_PER_MINUTE: '1000000',
    PORTAL_RATE_LIMIT_BURST: '100000',
    ...overrides,
  });
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError instanceof Error ? `: ${lastError.message}` : ''}`);
}

/** Reads a topic from the beginning until `count` records arrived (or fails after the timeout). */
export async function readTopic(kafka: Kafka, topic: string, count: number, timeoutMs = 30000): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: `reader-${randomBytes(4).toString('hex')}` });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => { messages.push(message); } });
    await waitFor(async () => messages.length >= count, `${count} records on ${topic} (got ${messages.length})`, timeoutMs);
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

export const header = (m: KafkaMessage, name: string): string | undefined => m.headers?.[name]?.toString();

/** GET as JSON; pass the session cookie (see loginCookie) for routes behind the portal guard. */
export async function getJson(url: string, cookie?: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, cookie ? { headers: { cookie } } : undefined);
  return { status: response.status, body: await response.json() };
}
export * from './ids';
export * from './dead-letters';
export * from './portal';
export * from './console-producer';

let inspection: Database | undefined;
/**
 * The tests' own view of the whole database through DATABASE_URL's login (the local superuser),
 * for checking what the hub stored. The hub itself has no such login: each module connects as its
 * own role (moduleDatabase). The pool lets the test process exit when idle.
 */
export function inspectDatabase(): Database {
  inspection ??= new Database(loadConfig().DATABASE_URL, 2, { allowExitOnIdle: true });
  return inspection;
}
export * from './hub-process';
export * from './unique-word';
export * from './register-section';
export * from './pdf-text';
export * from './feed-hub';
export * from './feed-app';
