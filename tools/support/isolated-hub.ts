import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import type { Admin } from 'kafkajs';
import { Pool } from 'pg';
import { FEED_TOPICS, HubConfig, Topics, consumerProgress, createKafka, createLogger, ensureRoles, loadConfig, physicalName, projectRoot, waitUntilSettled } from '@hub/platform';
import { ensureHubDevPki, type DevKeyName, type HubDevPki } from '../hub-dev-pki';
import { PERIMETER_NAMES } from '../../apps/perimeter/src/perimeter-app.module';
import { EdsUser } from './portal-client';
import { DIST, HUB_NODE_ARGS } from './run-node';
import { freePort } from './free-port';

const withDatabase = (url: string, database: string): string => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

/**
 * A hub of its own for a measurement: a fresh database (so no other population's rows mix in —
 * synthetic legal-entity BINs repeat across seeds), a fresh topic prefix and consumer group, and
 * the built hub running as its own process exactly as in production.
 */
export class IsolatedHub {
  readonly env: NodeJS.ProcessEnv;
  readonly config: HubConfig;
  readonly baseUrl: string;
  private hub?: ChildProcess;
  /** The perimeters running as their own processes (startExternalPerimeters), by source. */
  private readonly perimeters = new Map<string, ChildProcess>();

  /** The development PKI the hub signs with when the environment configures no EDS key. */
  readonly pki?: HubDevPki;

  private constructor(readonly runId: string, readonly database: string, port: number, private readonly adminUrl: string, pki: HubDevPki | undefined) {
    const base = loadConfig();
    this.pki = pki;
    this.env = {
      ...process.env,
      ...(pki?.env ?? {}),
      DATABASE_URL: withDatabase(base.DATABASE_URL, database),
      TOPIC_PREFIX: `${runId}.`,
      KAFKA_GROUP_ID: `${runId}-hub`,
      HTTP_PORT: String(port),
      LOG_LEVEL: process.env.ISOLATED_HUB_LOG_LEVEL ?? 'warn',
      // a measurement asks from one session far faster than a person; the limiter is not what it measures
      PORTAL_RATE_LIMIT_PER_MINUTE: process.env.PORTAL_RATE_LIMIT_PER_MINUTE ?? '1000000',
      PORTAL_RATE_LIMIT_BURST: process.env.PORTAL_RATE_LIMIT_BURST ?? '1000000',
    };
    this.config = loadConfig(this.env);
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  /**
   * `reuseDatabase` names a database an earlier run kept (BENCH_KEEP) to start on again instead of
   * a fresh one: a bench that seeds a million rows need not seed them again (the hub migrates it up).
   */
  static async create(label: string, reuseDatabase?: string): Promise<IsolatedHub> {
    const runId = `${label}${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
    const database = reuseDatabase ?? `hub_${runId}`;
    const adminUrl = loadConfig().DATABASE_URL;
    if (!reuseDatabase) {
      const pool = new Pool({ connectionString: adminUrl, max: 1 });
      try {
        await pool.query(`CREATE DATABASE "${database}"`);
      } finally {
        await pool.end();
      }
    }
    // The roles are the cluster's; the new database needs their CONNECT and the owner's CREATE.
    const config = loadConfig();
    await ensureRoles(withDatabase(config.DATABASE_URL, database), config);
    const pki = config.EDS_KEY_FILE ? undefined : await ensureHubDevPki(path.join(projectRoot(), '.local-stack', 'dev-pki'));
    return new IsolatedHub(runId, database, await freePort(), adminUrl, pki);
  }

  /**
   * A portal session on this hub (every HTTP route but /health needs one): logs in with a demo
   * user of the development PKI the hub trusts, and returns the Cookie header value.
   */
  async sessionCookie(user: DevKeyName = 'userEntrepreneur'): Promise<string> {
    const pki = this.pki ?? (await ensureHubDevPki(process.env.HUB_TEST_DEV_PKI ?? path.join(projectRoot(), '.local-stack', 'dev-pki')));
    const r = await new EdsUser(pki.keys[user], pki.password).login(this.baseUrl);
    if (r.status !== 200 || !r.cookie) throw new Error(`portal login failed: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    return r.cookie;
  }

  /** The hub process id while it runs (for sampling its memory). */
  get pid(): number | undefined {
    return this.hub?.pid;
  }

  /**
   * Starts the hub process with the Node flags production uses (HUB_NODE_ARGS) and waits for its
   * health endpoint (it provisions topics and schemas first).
   */
  async start(nodeArgs: readonly string[] = HUB_NODE_ARGS, options: { externalPerimeters?: boolean } = {}): Promise<void> {
    if (options.externalPerimeters) this.env.HUB_PERIMETERS = 'external';
    // ISOLATED_HUB_LOG keeps the hub's own log (stdout) in a file, to see afterwards what a bench's
    // hub did (rebalances, late projection batches, back-offs); otherwise it is dropped.
    const logFile = process.env.ISOLATED_HUB_LOG;
    const stdout = logFile ? openSync(logFile, 'a') : 'ignore';
    this.hub = spawn(process.execPath, [...nodeArgs, path.join(DIST, 'apps', 'hub', 'src', 'main.js')], { env: this.env, stdio: ['ignore', stdout, 'inherit'] });
    if (typeof stdout === 'number') closeSync(stdout);
    const deadline = Date.now() + 120_000;
    for (;;) {
      this.assertRunning();
      const ok = await fetch(`${this.baseUrl}/health`).then((r) => r.ok, () => false);
      if (ok) return;
      if (Date.now() > deadline) throw new Error('the hub did not become healthy within 120 s');
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /**
   * Waits until the hub has committed every feed record, and then until the preliminary indexes the
   * perimeters recompute (batched, every few seconds) have stopped arriving and are all committed.
   */
  async drain(log: (m: string) => void, quietMs = 12_000): Promise<void> {
    const kafka = createKafka(this.config, createLogger('warn'), '-evaluate');
    const admin = kafka.admin();
    await admin.connect();
    const feeds = FEED_TOPICS.map((t) => physicalName(this.config.TOPIC_PREFIX, t.name));
    const indexes = [physicalName(this.config.TOPIC_PREFIX, Topics.preliminaryIndexes.name)];
    try {
      let last = 0;
      for (;;) {
        this.assertRunning();
        const f = await this.feedProgress(admin, feeds);
        if (Date.now() - last > 5000) { log(`  feeds ingested ${f.committed.toLocaleString('en-US')}/${f.end.toLocaleString('en-US')}`); last = Date.now(); }
        if (f.committed >= f.end) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const { end } = await waitUntilSettled(admin, this.config.KAFKA_GROUP_ID, indexes, { quietMs, alive: () => this.assertRunning(), pollMs: 1000 });
      log(`  preliminary indexes received ${end.toLocaleString('en-US')}`);
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * BPR §14-§15's layout: each source's perimeter as its own process (apps/perimeter, its own
   * consumer group), beside a hub started with `externalPerimeters` that runs the register and
   * scoring alone. Call after start(): the hub has provisioned the topics by then.
   */
  async startExternalPerimeters(nodeArgs: readonly string[] = HUB_NODE_ARGS): Promise<void> {
    for (const source of PERIMETER_NAMES) {
      const env = {
        ...this.env, SOURCE: source, HUB_PERIMETERS: undefined, KAFKA_GROUP_ID: this.perimeterGroupId(source), KAFKA_CLIENT_ID: `${this.runId}-${source}`,
        HTTP_PORT: String(await freePort()),
        // Each perimeter's feeds yield to the hub's register lane, read from its offsets on the broker.
        FRESHNESS_WATCH_LANES_OF: this.config.KAFKA_GROUP_ID,
      };
      this.perimeters.set(source, spawn(process.execPath, [...nodeArgs, path.join(DIST, 'apps', 'perimeter', 'src', 'main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] }));
    }
  }

  /** The consumer groups that take the feeds in: the hub's own, or each external perimeter's. */
  feedGroups(): string[] {
    return this.perimeters.size > 0 ? [...this.perimeters.keys()].map((s) => this.perimeterGroupId(s)) : [this.config.KAFKA_GROUP_ID];
  }

  /** Feed records on the topics, and those committed by whichever processes take the feeds in (feedGroups). */
  async feedProgress(admin: Admin, topics: readonly string[]): Promise<{ end: number; committed: number }> {
    const groups = await Promise.all(this.feedGroups().map((g) => consumerProgress(admin, g, topics)));
    return { end: groups[0].end, committed: groups.reduce((n, p) => n + p.committed, 0) };
  }

  /** The processes doing the work: the hub and any external perimeters. */
  pids(): number[] {
    return [this.hub, ...this.perimeters.values()].map((c) => c?.pid).filter((pid): pid is number => pid !== undefined);
  }

  private perimeterGroupId(source: string): string {
    return `${this.config.KAFKA_GROUP_ID}-perimeter-${source}`;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.perimeters.values()].map((child) => stopChild(child)));
    this.perimeters.clear();
    if (this.hub) await stopChild(this.hub);
  }

  /**
   * Stops the hub and removes what it made: its database and its topics. Every partition is open
   * files on the broker, and a developer's broker reached its limit (~20,000) after a day of
   * benches and test runs, each with a prefix of its own, and stopped.
   */
  async drop(): Promise<void> {
    await this.stop();
    const pool = new Pool({ connectionString: this.adminUrl, max: 1 });
    try {
      await pool.query(`DROP DATABASE IF EXISTS "${this.database}" WITH (FORCE)`);
    } finally {
      await pool.end();
    }
    await this.deleteTopics();
  }

  /** Stops the hub and deletes its topics, keeping its database (a bench's kept seed: BENCH_KEEP). */
  async keepDatabase(): Promise<void> {
    await this.stop();
    await this.deleteTopics();
  }

  private async deleteTopics(): Promise<void> {
    const admin = createKafka(this.config, createLogger('silent'), '-drop').admin();
    await admin.connect();
    try {
      const mine = (await admin.listTopics()).filter((t) => t.startsWith(this.config.TOPIC_PREFIX));
      if (mine.length > 0) await admin.deleteTopics({ topics: mine, timeout: 60_000 });
    } finally {
      await admin.disconnect();
    }
  }

  assertRunning(): void {
    if (this.hub && (this.hub.exitCode !== null || this.hub.signalCode !== null)) throw new Error(`the hub exited (${this.hub.exitCode ?? this.hub.signalCode})`);
    for (const [source, child] of this.perimeters) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the ${source} perimeter exited (${child.exitCode ?? child.signalCode})`);
    }
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
