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
 * bounded heap keeps it under 512 MB RSS (V8 otherwise grows toward a limit sized from the host).
 */
export const HUB_NODE_ARGS: readonly string[] = ['--max-old-space-size=256', '--max-semi-space-size=32'];
