import 'reflect-metadata';
import { MessageLog } from '@hub/message-log';
import { Database, loadConfig } from '@hub/platform';

/**
 * Proves the message log's hash chain is unbroken: every row from seq 1 to the head is recomputed
 * (recipe: libs/message-log/src/hash-chain.ts). Prints the result as JSON; exits 1 and names the
 * first broken seq when the chain does not check.
 * Usage: npm run messagelog:verify
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const database = new Database(config.DATABASE_URL, 1);
  try {
    const result = await new MessageLog(database).verify();
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (!result.ok) {
      process.stderr.write(`message log chain BROKEN at seq ${result.brokenAt}: ${result.reason} (${result.count} rows intact before it)\n`);
      return 1;
    }
    process.stderr.write(`message log chain intact: ${result.count} rows${result.head ? `, head seq ${result.head.seq} ${result.head.hash}` : ''}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`messagelog-verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
