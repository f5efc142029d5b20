import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Admin, Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { FEED_TOPICS, HubConfig, Topics, createKafka, createLogger, ensureRoles, laneGroupId, loadConfig, physicalName, projectRoot, waitUntilSettled } from '@hub/platform';
import { ensureHubDevPki } from '../hub-dev-pki';
import { runQuiet } from './run-quiet';
import { HubChild } from './hub-child';
import { FAULT_STACK } from './stack';
import { freePort } from '../support/free-port';

/** The feed every run ingests: the same seed and clock, so a clean run and a fault run get the same records. */
export interface FeedSpec { entities: number; seed: number; now: string }

export interface PartitionProgress { key: string; committed: number; end: number }

const OUTBOXES = ['src_justice', 'src_tax', 'src_stat', 'src_court', 'src_utility'].map((s) => `${s}.recompute_outbox`);

/**
 * One ingest of the feed on the fault stack: a database, a topic prefix and a consumer group of its
 * own, the feed generated into it, then one or more hub processes. The scenario decides what goes
 * wrong in between; the harness measures progress and waits for the end.
 */
export class FaultRun {
  readonly prefix: string;
  readonly group: string;
  readonly databaseUrl: string;
  readonly kafka: Kafka;
  readonly config: HubConfig;
  readonly feedTopics: string[];
  readonly hubs: HubChild[] = [];
  records = 0;
  /** Runs not yet dropped: a scenario that fails half-way leaves its hubs running; the runner drops them. */
  static readonly active = new Set<FaultRun>();
  private admin?: Admin;
  private readonly pool: Pool;

  private constructor(readonly label: string, private readonly pkiEnv: Record<string, string>) {
    const id = `${label}${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
    this.prefix = `${id}.`;
    this.group = `${id}-hub`;
    this.databaseUrl = `${FAULT_STACK.postgres}/hub_${id}`;
    this.config = loadConfig(this.env());
    this.kafka = createKafka(this.config, createLogger('silent'), '-faults');
    this.feedTopics = FEED_TOPICS.map((t) => physicalName(this.prefix, t.name));
    this.pool = new Pool({ connectionString: this.databaseUrl, max: 2 });
    this.pool.on('error', () => undefined); // a PostgreSQL restart is what some scenarios do
  }

  static async create(label: string): Promise<FaultRun> {
    const pki = await ensureHubDevPki(path.join(projectRoot(), '.local-stack', 'dev-pki'));
    const run = new FaultRun(label, pki.env);
    FaultRun.active.add(run);
    const admin = new Pool({ connectionString: `${FAULT_STACK.postgres}/postgres`, max: 1 });
    try {
      await admin.query(`CREATE DATABASE "${new URL(run.databaseUrl).pathname.slice(1)}"`);
    } finally {
      await admin.end();
    }
    await ensureRoles(run.databaseUrl, run.config);
    return run;
  }

  /** The environment every process of this run gets: the fault stack, this run's prefix, group and database. */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      ...this.pkiEnv,
      DATABASE_URL: this.databaseUrl,
      KAFKA_BROKERS: FAULT_STACK.kafka,
      SCHEMA_REGISTRY_URL: FAULT_STACK.registry,
      TOPIC_PREFIX: this.prefix,
      KAFKA_GROUP_ID: this.group,
      LOG_LEVEL: 'warn',
      ...extra,
    };
  }

  async generate(feed: FeedSpec): Promise<number> {
    const out = await runQuiet(path.join('tools', 'feeds-generate.js'), ['--entities', String(feed.entities), '--seed', String(feed.seed), '--now', feed.now], this.env());
    this.records = (JSON.parse(out.trim().split('\n').pop() as string) as { records: number }).records;
    return this.records;
  }

  async hub(name: string, options: { supervise?: boolean; env?: Record<string, string> } = {}): Promise<HubChild> {
    const port = await freePort();
    const hub = new HubChild(name, this.env({ HTTP_PORT: String(port), ...(options.env ?? {}) }), `http://127.0.0.1:${port}`, options.supervise);
    this.hubs.push(hub);
    return hub;
  }

  private async kafkaAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }

  /** Committed and end offsets of every feed partition; undefined while Kafka does not answer. */
  async progress(): Promise<PartitionProgress[] | undefined> {
    try {
      const admin = await this.kafkaAdmin();
      const out: PartitionProgress[] = [];
      const committed = await admin.fetchOffsets({ groupId: this.group, topics: this.feedTopics });
      for (const topic of this.feedTopics) {
        const ends = await admin.fetchTopicOffsets(topic);
        const c = committed.find((g) => g.topic === topic)?.partitions ?? [];
        for (const p of ends) out.push({ key: `${topic}/${p.partition}`, end: Number(p.high), committed: Math.max(0, Number(c.find((x) => x.partition === p.partition)?.offset ?? 0)) });
      }
      return out;
    } catch {
      return undefined;
    }
  }

  async committed(): Promise<number> {
    return (await this.progress())?.reduce((s, p) => s + p.committed, 0) ?? -1;
  }

  /** Waits until this share of the feed is committed: the moment a scenario strikes. */
  async waitCommitted(fraction: number, timeoutMs = 600_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const h of this.hubs) h.assertAlive();
      const n = await this.committed();
      if (n >= fraction * this.records) return n;
      if (Date.now() > deadline) throw new Error(`${this.label}: ${n} of ${this.records} committed after ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /**
   * Recovery: from `since` (the fault cleared) until every feed partition that still had a backlog
   * then has committed past where it stood; seconds. Throws if that does not happen in time.
   */
  async waitRecovered(since: number, timeoutMs = 600_000): Promise<number> {
    let base: PartitionProgress[] | undefined;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const now = await this.progress();
      if (now && !base) base = now;
      if (now && base) {
        const behind = base.filter((b) => b.committed < b.end).filter((b) => (now.find((p) => p.key === b.key)?.committed ?? 0) <= b.committed);
        if (behind.length === 0) return (Date.now() - since) / 1000;
        if (Date.now() > deadline) throw new Error(`${this.label}: no progress after the fault on ${behind.map((b) => b.key).join(', ')}`);
      } else if (Date.now() > deadline) throw new Error(`${this.label}: Kafka did not answer after the fault`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /**
   * The end of the run: every feed record committed, the outboxes empty, and the derived topics
   * (preliminary indexes, public facts) committed and quiet. Fails if that takes longer than timeoutMs.
   */
  async drain(timeoutMs = 900_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const alive = () => {
      for (const h of this.hubs) if (h.running || h.restarts > 0) return;
      throw new Error(`${this.label}: no hub is running`);
    };
    const check = (what: string) => { alive(); if (Date.now() > deadline) throw new Error(`${this.label}: ${what} not reached within ${timeoutMs / 1000} s\n${this.hubs.map((h) => `${h.name}: ${h.output().slice(-2000)}`).join('\n')}`); };
    for (;;) {
      const p = await this.progress();
      if (p && p.every((x) => x.committed >= x.end)) break;
      check(`feeds committed (${p?.reduce((s, x) => s + x.committed, 0) ?? '?'}/${this.records})`);
      await new Promise((r) => setTimeout(r, 500));
    }
    for (;;) {
      const pending = await this.outboxPending().catch(() => -1);
      if (pending === 0) break;
      check(`outboxes empty (${pending} pending)`);
      await new Promise((r) => setTimeout(r, 500));
    }
    // Each derived topic in the group that reads it: bpr.facts.v1 has a lane (consumer group) of its own.
    for (const logical of [Topics.preliminaryIndexes.name, Topics.publicFacts.name]) {
      await waitUntilSettled(await this.kafkaAdmin(), laneGroupId(this.group, logical), [physicalName(this.prefix, logical)], {
        quietMs: 10_000, pollMs: 1000, alive: () => check(`${logical} settled`),
      });
    }
    if ((await this.outboxPending()) !== 0) throw new Error(`${this.label}: the outboxes refilled after the feeds settled`);
  }

  private async deleteTopics(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(this.prefix));
      if (topics.length) await admin.deleteTopics({ topics, timeout: 60_000 });
    } finally {
      await admin.disconnect();
    }
  }

  async outboxPending(): Promise<number> {
    let n = 0;
    for (const t of OUTBOXES) n += Number((await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
    return n;
  }

  query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.pool.query(sql, params).then((r) => r.rows as T[]);
  }

  /** Stops every hub (SIGTERM, kill -9 if it outlives 30 s) and closes the run's clients; the database stays for inspection until drop(). */
  async close(): Promise<void> {
    for (const h of this.hubs) {
      const timer = setTimeout(() => void h.kill('SIGKILL'), 30_000);
      await h.kill('SIGTERM');
      clearTimeout(timer);
    }
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = undefined;
  }

  /** Stops the hubs, deletes the run's topics (a broker's restart after kill -9 checks every partition it holds) and its database. */
  async drop(): Promise<void> {
    FaultRun.active.delete(this);
    await this.close();
    await this.deleteTopics().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
    const admin = new Pool({ connectionString: `${FAULT_STACK.postgres}/postgres`, max: 1 });
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${new URL(this.databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
}
