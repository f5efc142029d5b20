import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { MessageLog, checkProof } from '@hub/message-log';
import { Database, loadConfig } from '@hub/platform';

/**
 * Exports one message from the message log with its chain proof, for a third party to check
 * without the hub (`npm run messagelog:check-proof -- FILE`). The proof (JSON) holds the message's
 * rows with their documents (base64 of the exact bytes), the hash recipe, and the digests and
 * hashes of every row after them up to the current head.
 * Usage: npm run messagelog:export -- <message id> [--out FILE]
 *   without --out the proof goes to stdout; with it, FILE gets the proof and each signed XML is
 *   written beside it as FILE's name + .seq-<seq>.xml, byte for byte as sent or received.
 * Exits 1 when the message is not in the log, or when the proof it produced does not check.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? args[outAt + 1] : undefined;
  const positional = outAt >= 0 ? args.filter((_, i) => i !== outAt && i !== outAt + 1) : args;
  if (positional.length !== 1 || (outAt >= 0 && !out)) throw new Error('usage: messagelog-export <message id> [--out FILE]');
  const messageId = positional[0];

  const config = loadConfig();
  const database = new Database(config.DATABASE_URL, 1);
  try {
    const proof = await new MessageLog(database).export(messageId);
    if (!proof) {
      process.stderr.write(`message ${messageId} is not in the message log\n`);
      return 1;
    }
    const json = `${JSON.stringify(proof, null, 2)}\n`;
    if (out) {
      writeFileSync(out, json);
      const base = out.replace(/\.json$/, '');
      for (const e of proof.entries) {
        const file = `${base}.seq-${e.seq}.xml`;
        writeFileSync(file, Buffer.from(e.document, 'base64'));
        process.stderr.write(`${e.direction} ${e.channel} ${e.type} ${e.outcome}: ${file}\n`);
      }
      process.stderr.write(`proof: ${out}\n`);
    } else {
      process.stdout.write(json);
    }
    const check = checkProof(proof);
    if (!check.ok) {
      process.stderr.write(`the exported proof does NOT check${check.brokenAt ? ` at seq ${check.brokenAt}` : ''}: ${check.reason} (run messagelog:verify)\n`);
      return 1;
    }
    process.stderr.write(`${proof.entries.length} row(s), chained through ${proof.links.length} row(s) to head seq ${proof.head.seq} ${proof.head.hash}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`messagelog-export failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
