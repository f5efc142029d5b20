import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '@hub/platform';

/**
 * The suite's own Kafka broker, PostgreSQL cluster and registry (fault-stack.sh): the scenarios
 * kill and restart them, which must never happen to the shared stack other work runs on.
 */
export const FAULT_STACK = {
  kafka: '127.0.0.1:19092',
  postgres: 'postgres://postgres@127.0.0.1:55432',
  registry: 'http://127.0.0.1:18081/apis/ccompat/v7',
} as const;

export type StackCommand = 'up' | 'down' | 'wipe' | 'status' | `${'start' | 'stop'}-${'pg' | 'kafka' | 'registry'}` | 'kill-kafka';

/** Runs fault-stack.sh; a failure (a dependency that cannot be set up) throws with its output. */
export async function stack(command: StackCommand): Promise<void> {
  const script = path.join(projectRoot(), 'tools', 'faults', 'fault-stack.sh');
  await promisify(execFile)('bash', [script, command], { maxBuffer: 4 * 1024 * 1024 }).catch((error: Error & { stderr?: string }) => {
    throw new Error(`fault-stack.sh ${command} failed: ${error.message}\n${error.stderr ?? ''}`);
  });
}
