import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { replayDeadLetters } from '@hub/feed-status';
import { ALL_TOPICS, connectMessaging, createLogger, loadConfig, physicalName } from '@hub/platform';

const USAGE = 'usage: dlq-replay --topic <source topic> [--code REASON_CODE] [--group consumer-group]';

/**
 * Replays a source topic's dead letters after a fix (original key and bytes, marked as a replay).
 * Its consumer group remembers what was replayed: running it again replays only newer letters.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { topic: { type: 'string' }, code: { type: 'string' }, group: { type: 'string' } } });
  if (!values.topic) throw new Error(USAGE);
  const config = loadConfig();
  // A catalog name gets the deployment's prefix; anything else is taken as the physical name.
  const sourceTopic = ALL_TOPICS.some((t) => t.name === values.topic) ? physicalName(config.TOPIC_PREFIX, values.topic) : values.topic;
  const clients = await connectMessaging(config, createLogger('warn'), '-dlq-replay');
  try {
    const result = await replayDeadLetters({
      kafka: clients.kafka, producer: clients.producer, sourceTopic, code: values.code, groupId: values.group,
      onProgress: (p) => process.stderr.write(`\rscanned ${p.scanned}  replayed ${p.replayed}  skipped ${p.skipped}   `),
    });
    process.stderr.write('\n');
    process.stdout.write(`${JSON.stringify({ sourceTopic, code: values.code ?? null, ...result })}\n`);
  } finally {
    await clients.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`dlq-replay failed: ${String(error)}\n`);
  process.exit(1);
});
