import 'reflect-metadata';
import { MessageLog } from '@hub/message-log';
import { Database, loadConfig } from '@hub/platform';

/**
 * Proves the message log's hash chain is unbroken: every row from seq 1 to the head is recomputed
 * (recipe: libs/message-log/src/hash-chain.ts). Prints the result as JSON; exits 1 and names the
 * first broken seq when the chain does not check. With --anchor <seq>:<hash> (a head printed by
 * an earlier run and kept outside the database) the chain must still hold it, so rows cut from
 * the end are noticed too.
 * Usage: npm run messagelog:verify [-- --anchor <seq>:<hash>]
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  let anchor: { seq: string; hash: string } | undefined;
  if (args.length > 0) {
    const m = args.length === 2 && args[0] === '--anchor' ? /^([1-9][0-9]*):([0-9a-f]{64})$/.exec(args[1]) : null;
    if (!m) throw new Error('usage: messagelog-verify [--anchor <seq>:<64 hex hash>]');
    anchor = { seq: m[1], hash: m[2] };
  }
  const config = loadConfig();
  const database = new Database(config.DATABASE_URL, 1);
  try {
    const result = await new MessageLog(database).verify(anchor);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (!result.ok) {
      process.stderr.write(`message log chain BROKEN at seq ${result.brokenAt}: ${result.reason} (${result.count} rows intact before it)\n`);
      return 1;
    }
    process.stderr.write(`message log chain intact: ${result.count} rows${result.head ? `, head ${result.head.seq}:${result.head.hash} (keep it; --anchor checks it later)` : ''}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`messagelog-verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
