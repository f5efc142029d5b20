import { ChildProcess, execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Admin } from 'kafkajs';
import { HubConfig } from '@hub/platform';

const DIST = path.join(__dirname, '..', '..', 'dist');
export const HUB_MAIN = path.join(DIST, 'apps', 'hub', 'src', 'main.js');

export interface RunningHub { process: ChildProcess; output: () => string; exited: Promise<{ code: number | null; signal: string | null }> }

/** The built hub as a real process (as `npm start` runs it), so signals are real signals. */
export async function startBuiltHub(config: HubConfig, env: Record<string, string> = {}, waitForListening = true): Promise<RunningHub> {
  const child = spawn(process.execPath, [HUB_MAIN], {
    env: { ...process.env, TOPIC_PREFIX: config.TOPIC_PREFIX, KAFKA_GROUP_ID: config.KAFKA_GROUP_ID, HTTP_PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const hub = { process: child, output: () => output, exited };
  if (waitForListening) {
    const deadline = Date.now() + 90_000;
    while (!output.includes('hub listening')) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`hub exited during start-up:\n${output.slice(-3000)}`);
      if (Date.now() > deadline) throw new Error(`hub did not start within 90 s:\n${output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return hub;
}

/** Publishes a synthetic population's feeds (every source) on the config's topic prefix with the built generator. */
export async function generateFeeds(config: HubConfig, entities: number, seed: number): Promise<{ records: number; topics: Record<string, number> }> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(DIST, 'tools', 'feeds-generate.js'), '--entities', String(entities), '--seed', String(seed)], {
    env: { ...process.env, TOPIC_PREFIX: config.TOPIC_PREFIX }, maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop() as string) as { records: number; topics: Record<string, number> };
}

/** Offsets the group has committed on these topics, summed. */
export async function committedOffsets(admin: Admin, groupId: string, topics: string[]): Promise<number> {
  const groups = await admin.fetchOffsets({ groupId, topics });
  return groups.reduce((sum, g) => sum + g.partitions.reduce((s, p) => s + Math.max(0, Number(p.offset)), 0), 0);
}
