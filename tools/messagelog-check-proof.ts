import { readFileSync } from 'node:fs';
import { checkProof } from '@hub/message-log';

/**
 * Checks a message log export with the hash recipe alone: no database, no hub configuration.
 * Usage: npm run messagelog:check-proof -- PROOF.json [--xml DOCUMENT.xml ...]
 *   each --xml file must be byte-identical to a document in the proof (e.g. the copy you received).
 * Prints the result as JSON; exits 0 when the proof checks, 1 when it does not. Compare the
 * printed head hash with one the hub's operator publishes to know the log was not rewritten.
 */
function main(): number {
  const args = process.argv.slice(2);
  const xml: Buffer[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--xml') {
      if (!args[i + 1]) throw new Error('--xml needs a file');
      xml.push(readFileSync(args[++i]));
    } else files.push(args[i]);
  }
  if (files.length !== 1) throw new Error('usage: messagelog-check-proof PROOF.json [--xml DOCUMENT.xml ...]');
  const result = checkProof(JSON.parse(readFileSync(files[0], 'utf8')), xml);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return result.ok ? 0 : 1;
}

try {
  process.exit(main());
} catch (error) {
  process.stderr.write(`messagelog-check-proof failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
