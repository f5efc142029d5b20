import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
export const KAFKA_LIBS = path.join(process.env.STACK_DIR ?? path.join(ROOT, '.local-stack'), 'kafka-libs');
let readerClasses: string | undefined;

/** Compiles the base64 line reader once per test process (javac from the JDK the stack needs anyway). */
function readerClasspath(): string {
  if (!readerClasses) {
    readerClasses = mkdtempSync(path.join(tmpdir(), 'hub-line-reader-'));
    execFileSync('javac', ['-cp', `${KAFKA_LIBS}/*`, '-d', readerClasses, path.join(__dirname, 'java', 'Base64LineReader.java')], { stdio: 'pipe' });
  }
  return readerClasses;
}

/**
 * Sends records with Kafka's own Java console producer (not kafkajs), with the given
 * `compression.type`. Key and value bytes travel base64-encoded on stdin (see Base64LineReader).
 */
export async function consoleProduce(
  brokers: readonly string[], topic: string, records: ReadonlyArray<{ key: string; value: Buffer }>, compression: string,
): Promise<void> {
  const args = [
    '-Xmx256m', '-cp', `${KAFKA_LIBS}/*${path.delimiter}${readerClasspath()}`, 'kafka.tools.ConsoleProducer',
    '--bootstrap-server', brokers.join(','), '--topic', topic, '--line-reader', 'Base64LineReader',
    // The console producer sets compression.type from --compression-codec (default none) over any
    // --producer-property, so both are given.
    '--compression-codec', compression, '--producer-property', `compression.type=${compression}`,
    // One batch per partition where possible, so every record sits inside a compressed batch.
    '--producer-property', 'linger.ms=200', '--producer-property', 'batch.size=1048576', '--producer-property', 'acks=all',
  ];
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  child.stdout.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`console producer exited ${code}: ${stderr.slice(-2000)}`))));
  });
  child.stdin.end(records.map((r) => `${Buffer.from(r.key).toString('base64')}\t${r.value.toString('base64')}\n`).join(''));
  await done;
  if (/ERROR|Exception/.test(stderr)) throw new Error(`console producer reported: ${stderr.slice(-2000)}`);
}

/** The compression codec of every record batch stored for a partition, as the broker's log says. */
export function storedCodecs(dataDir: string, topic: string, partition: number): string[] {
  const dir = path.join(dataDir, `${topic}-${partition}`);
  const out = execFileSync('java', ['-Xmx256m', '-cp', `${KAFKA_LIBS}/*`, 'kafka.tools.DumpLogSegments', '--files', path.join(dir, '00000000000000000000.log')], { encoding: 'utf8' });
  return [...out.matchAll(/compresscodec: (\w+)/g)].map((m) => m[1].toLowerCase());
}
