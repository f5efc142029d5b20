import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { HealthReport } from '@hub/platform';
import { DIST, HUB_NODE_ARGS } from '../support/run-node';

/**
 * One hub process under test, as production runs it. With `supervise`, an exit that the scenario
 * did not ask for is followed by a restart a second later (what systemd or Kubernetes would do),
 * and counted.
 */
export class HubChild {
  private child?: ChildProcess;
  private tail = '';
  private stopping = false;
  restarts = 0;
  readonly exits: string[] = [];

  constructor(readonly name: string, private readonly env: NodeJS.ProcessEnv, readonly baseUrl: string, private readonly supervise = false) {}

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  output(): string {
    return this.tail;
  }

  spawn(): void {
    this.stopping = false;
    const child = spawn(process.execPath, [...HUB_NODE_ARGS, path.join(DIST, 'apps', 'hub', 'src', 'main.js')], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (d: Buffer) => { this.tail = (this.tail + d.toString()).slice(-20_000); };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', (code, signal) => {
      this.exits.push(`${code ?? signal}`);
      this.tail = `${this.tail}\n[exit ${code ?? signal}]\n`.slice(-20_000);
      if (this.supervise && !this.stopping) {
        this.restarts++;
        setTimeout(() => { if (!this.stopping) this.spawn(); }, 1000).unref();
      }
    });
    this.child = child;
  }

  /** Starts the process and waits for /health to answer 200 (it provisions topics and schemas first). */
  async start(timeoutMs = 180_000): Promise<void> {
    this.spawn();
    await this.waitHealthy(timeoutMs);
  }

  async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running && !this.supervise) throw new Error(`${this.name} exited during start-up (${this.exits.join(',')}):\n${this.tail.slice(-3000)}`);
      if ((await this.health())?.status === 'ok') return;
      if (Date.now() > deadline) throw new Error(`${this.name} not healthy within ${timeoutMs / 1000} s:\n${this.tail.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** The /health report (200 or 503 body), or undefined when the process does not answer. */
  async health(): Promise<HealthReport | undefined> {
    try {
      const r = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(10_000) });
      const body = (await r.json()) as HealthReport | { response?: HealthReport };
      return 'dependencies' in body ? body : body.response;
    } catch {
      return undefined;
    }
  }

  /** kill -9 (or another signal) and wait for the exit; no supervisor restart follows. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    this.stopping = true; // also cancels a supervisor restart that is pending
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }

  assertAlive(): void {
    if (!this.running && !this.supervise) throw new Error(`${this.name} exited (${this.exits.join(',')}):\n${this.tail.slice(-3000)}`);
  }
}
