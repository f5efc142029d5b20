import { spawn } from 'node:child_process';
import path from 'node:path';

/** The built output's root (dist/), whatever file under it imports this. */
export const DIST = path.join(__dirname, '..', '..');

/** Runs a built script (path relative to dist/) with this Node; resolves with its stdout, rejects on a non-zero exit. */
export function runNode(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(DIST, script), ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited ${code}`))));
  });
}

/**
 * The Node flags the hub runs with here, as in infra/start-local.sh and infra/PRODUCTION.md: a
 * bounded heap keeps it under 512 MB RSS (V8 otherwise grows toward a limit sized from the host),
 * and a young generation of a fixed 48 MB (min = max). With only a maximum of 32 MB, V8 kept it near
 * 16 MB under the search bench: a scavenge every ~0.2 s promoted ~2.2 MB each time (objects that
 * lived a few hundred ms: in-flight requests, kafkajs long polls), the old generation filled at ~10
 * MB/s and a major GC came every ~3 s. Its concurrent marking ran on V8's helper threads and took
 * both cores from PostgreSQL for ~50 ms: the 20-40 answers those stalls delayed were the name
 * search's whole top 1 % (issue 12). Fixed at 48 MB: scavenges 90 -> 37 and major GCs 13 -> 4 per
 * run of the same load, name p99 ~44-56 -> ~27-39 ms, peak RSS 207-215 -> 259 MB under search and
 * 321-330 -> 379-384 MB ingesting 450,000 records (64 MB: 390 MB there, and no better p99 than 48).
 */
export const HUB_NODE_ARGS: readonly string[] = ['--max-old-space-size=256', '--min-semi-space-size=48', '--max-semi-space-size=48'];
