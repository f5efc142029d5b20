import { Database, loadConfig } from '@hub/platform';
import { MessageLog } from '../message-log';

/**
 * Test helper, not a tool: one gateway-like process appending to the message log, so an
 * integration test can run two of them at once against one database and check the chain.
 * Usage: node dist/libs/message-log/src/testing/append-worker.js <schema> <id prefix> <count> <start at epoch ms> [in flight]
 * Prints the appended seqs as JSON.
 */
async function main(): Promise<void> {
  const [schema, prefix, countArg, startAtArg, inFlightArg] = process.argv.slice(2);
  const count = Number(countArg);
  const inFlight = Number(inFlightArg ?? 4);
  if (!schema || !prefix || !(count > 0) || !(Number(startAtArg) > 0)) throw new Error('usage: append-worker <schema> <prefix> <count> <startAt> [inFlight]');
  const database = new Database(loadConfig().DATABASE_URL, inFlight);
  const log = new MessageLog(database, { schema });
  try {
    await database.ping();
    // Both processes start appending at the same instant, whatever their start-up times were.
    await new Promise((r) => setTimeout(r, Math.max(0, Number(startAtArg) - Date.now())));
    const seqs: string[] = [];
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < count; i = next++) {
        const { seq } = await log.append({
          messageId: `${prefix}-${i}`, correlationId: null, direction: i % 2 ? 'OUT' : 'IN', channel: 'KAFKA',
          type: 'LOAD_TEST', senderBin: null, outcome: 'ACCEPTED', document: `<Load p="${prefix}" i="${i}"/>`,
        });
        seqs.push(seq);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    process.stdout.write(`${JSON.stringify(seqs)}\n`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`append-worker failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
