import 'reflect-metadata';
import { DLQ_HEADERS, connectMessaging, createLogger, deadLetterName, loadConfig } from '@hub/platform';

/** Prints what a dead-letter topic holds: reason code, reason, source position, original bytes. */
async function main(): Promise<void> {
  const config = loadConfig();
  const sourceTopic = process.argv[2];
  if (!sourceTopic) throw new Error('usage: dlq-show <source topic>');
  const clients = await connectMessaging(config, createLogger('warn'), '-dlq-show');
  const consumer = clients.kafka.consumer({ groupId: `dlq-show-${process.pid}-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: deadLetterName(sourceTopic), fromBeginning: true });
  let last = Date.now();
  await consumer.run({
    eachMessage: async ({ message }) => {
      last = Date.now();
      const h = (name: string) => message.headers?.[name]?.toString() ?? '';
      process.stdout.write(`${h(DLQ_HEADERS.code)}\t${h(DLQ_HEADERS.topic)}[${h(DLQ_HEADERS.partition)}]@${h(DLQ_HEADERS.offset)}\t${h(DLQ_HEADERS.reason)}\t${message.value?.length ?? 0} bytes\n`);
    },
  });
  while (Date.now() - last < 3000) await new Promise((r) => setTimeout(r, 500));
  await consumer.disconnect();
  await clients.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
