import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { FreshnessPolicy } from '../messaging/freshness.rules';

const csv = z.string().transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean));
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

// One schema for every deployable: validated once at start-up, so a mistyped variable stops the
// process with its name instead of surfacing later as a connection error.
export const hubConfigSchema = z.object({
  /**
   * Where the database is (host, port, name, TLS parameters). Services never log in with the user
   * written here: each module connects as its own role and migrations run as the owner role (see
   * libs/platform/src/database/stores.ts). Only operator tools and tests use this login (locally the
   * superuser, to create the roles and databases).
   */
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/test'),
  /**
   * Connections per module role in one process (an idle pool closes its connections after 10 s).
   * Default KAFKA_PARTITIONS_CONCURRENTLY + 2: every feed batch in flight may be one module's and
   * wait on an outbox row that module's drain holds, and the drain needs a connection beside its
   * own to read features - with fewer it could only time out.
   */
  DATABASE_POOL_SIZE: int(1, 50).optional(),
  /** A directory of secret files named after the roles (hub_owner, hub_tax, ...), each holding that role's password. */
  DATABASE_SECRETS_DIR: z.string().min(1).optional(),
  /** SIGTERM to exit: the batch in flight finishes and commits; past this the process exits anyway (work left is redelivered). */
  SHUTDOWN_TIMEOUT_MS: int(1000, 120_000).default(8000),
  /** Preliminary-index outbox: recompute once no feed batch has arrived for this long... */
  RECOMPUTE_QUIET_MS: int(0, 3_600_000).default(2000),
  /** ...but never leave an id waiting longer than this, however busy the feeds are. */
  RECOMPUTE_MAX_DELAY_MS: int(1000, 86_400_000).default(5 * 60_000),
  /** Ids claimed and recomputed per outbox transaction. */
  RECOMPUTE_CHUNK: int(1, 100_000).default(2000),
  /** BPR §9 feed freshness: per-source silence allowed before "late", e.g. "tax=24,court=48" (hours; utility is judged by billing month). */
  FEED_EXPECTED_INTERVAL_HOURS: z.string().default(''),
  /** How often the broker's end offsets are polled for feed activity; 0 disables polling. */
  FEED_ACTIVITY_POLL_MS: int(0, 86_400_000).default(15_000),
  /** Where the scoring algorithm files are read from (default: algorithms/ at the repository root). */
  SCORING_ALGORITHMS_DIR: z.string().min(1).optional(),
  /**
   * in-process: the hub hosts every source perimeter (one machine, `npm start`). external: the
   * perimeters run as their own apps (apps/perimeter, next to each source, BPR §14-§15) and the hub
   * hosts the register and scoring only, fed by bpr.facts.v1 and bpr.preliminary-indexes.v1.
   */
  HUB_PERIMETERS: z.enum(['in-process', 'external']).default('in-process'),
  KAFKA_BROKERS: csv.pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'host:port')).min(1)).default('127.0.0.1:9092'),
  KAFKA_CLIENT_ID: z.string().min(1).default('kz-hub'),
  KAFKA_GROUP_ID: z.string().min(1).default('kz-hub'),
  KAFKA_SSL: bool.default('false'),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().optional(),
  KAFKA_SASL_PASSWORD: z.string().optional(),
  /** Partitions one instance processes at once; each holds a pool connection while it writes. */
  KAFKA_PARTITIONS_CONCURRENTLY: int(1, 64).default(3),
  /**
   * Feed records stored, published and committed at once (KafkaBatchServer.heldSliceRecords): a
   * fetched batch is taken in slices of this size, so the register's lane gets each slice's public
   * facts as it is stored, and a freshness back-off takes effect between two slices (issue #12).
   */
  KAFKA_FEED_SLICE_RECORDS: int(50, 100_000).default(1000),
  /** Attempts of a record that fails on its own before it is dead-lettered (HANDLER_REJECTED). */
  KAFKA_RECORD_ATTEMPTS: int(1, 20).default(3),
  /** /health: summed consumer lag above which a consumer making no progress for CONSUMER_STALL_MS is dead. */
  CONSUMER_MAX_LAG: int(0, 1_000_000_000).default(100_000),
  CONSUMER_STALL_MS: int(1000, 86_400_000).default(120_000),
  /**
   * Freshness before throughput (issue #12: a feed record's change visible in the register within
   * 2 s, p99, under load): when a projection lane (bpr.facts.v1) is older than PAUSE_ABOVE, this
   * instance stops fetching its feeds until the lane is under RESUME_BELOW; never for longer than
   * MAX_PAUSE, after which the feeds run at least MIN_RUN. PAUSE_ABOVE 0 turns the back-off off.
   */
  FRESHNESS_PAUSE_ABOVE_MS: int(0, 3_600_000).default(1000),
  FRESHNESS_RESUME_BELOW_MS: int(0, 3_600_000).default(300),
  FRESHNESS_MAX_PAUSE_MS: int(100, 3_600_000).default(30_000),
  FRESHNESS_MIN_RUN_MS: int(0, 3_600_000).default(2000),
  /**
   * The KAFKA_GROUP_ID of the hub whose register lane this process's feeds yield to when that lane
   * runs in another process (apps/perimeter beside the hub, BPR §14–§15): the lane's age is read
   * from its committed offsets on the broker. Unset: only lanes this process runs are watched.
   */
  FRESHNESS_WATCH_LANES_OF: z.string().min(1).optional(),
  KAFKA_REPLICATION_FACTOR: int(1, 7).default(1),
  /**
   * Caps the partitions of the topics this deployment creates. Unset in production (the catalog's
   * counts bound a group's parallelism); the tests set it, because every test file provisions a
   * prefixed copy of the catalog and one broker's open-file limit must hold a whole run.
   */
  KAFKA_TOPIC_PARTITIONS_MAX: int(1, 1000).optional(),
  KAFKA_MIN_INSYNC_REPLICAS: int(1, 7).default(1),
  TOPIC_PREFIX: z.string().regex(/^[a-z0-9.-]*$/, 'lowercase letters, digits, dots and dashes').default(''),
  SCHEMA_REGISTRY_URL: z.string().url().default('http://127.0.0.1:8081/apis/ccompat/v7'),
  SCHEMA_REGISTRY_USERNAME: z.string().optional(),
  SCHEMA_REGISTRY_PASSWORD: z.string().optional(),
  HTTP_PORT: int(0, 65535).default(3000),
  /** When set, GET /metrics asks for `Authorization: Bearer <token>` (Prometheus `authorization.credentials`). */
  METRICS_TOKEN: z.string().min(16).optional(),
  HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  PROVISION_ON_START: bool.default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * EDS (BPR §8, NDIP §24; EDS-NOTES): the hub's NCA PKCS#12 signing key and its password (value or
   * secret file), the pinned trust anchors and intermediates (PEM files), and the revocation sources:
   * CRLs (files or http(s) URLs, each matched to its issuer by the CRL's own issuer name) and OCSP
   * responders (`<issuer PEM file>|<url>`). Required by every deployable that signs or verifies.
   */
  EDS_KEY_FILE: z.string().min(1).optional(),
  EDS_KEY_PASSWORD: z.string().optional(),
  EDS_KEY_PASSWORD_FILE: z.string().min(1).optional(),
  EDS_TRUST_ANCHORS: csv.default(''),
  EDS_INTERMEDIATES: csv.default(''),
  EDS_CRLS: csv.default(''),
  EDS_OCSP_RESPONDERS: csv.pipe(z.array(z.string().regex(/^[^|]+\|https?:\/\/\S+$/, '<issuer PEM file>|<url>'))).default(''),
  /** NDIP systems allowed to send KYC requests and project events: their organisation BINs. */
  NDIP_SENDER_BINS: csv.pipe(z.array(z.string().regex(/^\d{12}$/, '12-digit BIN'))).default(''),
  /** How far a signed message's issue time may lie from the hub's clock (replay window, EDS-NOTES item 9). */
  NDIP_MESSAGE_WINDOW_SECONDS: int(10, 86_400).default(300),
  /** serviceId of the KYC service on the e-Gov gateway's SendMessage door. */
  NDIP_SOAP_SERVICE_ID: z.string().min(1).default('BPR_HUB_KYC'),
  /**
   * SOAP messages one hub instance works on at once; the next is answered 503 with Retry-After at
   * once, before any of its bytes are read or verified. At ~2.5 ms of CPU an exchange, 256 in flight
   * is about half a second of one instance's work: past that, queueing only makes every answer late.
   */
  NDIP_SOAP_MAX_IN_FLIGHT: int(1, 100_000).default(256),
  /**
   * Portal (issue 14): a login challenge lives this long; a session ends after this much idle time
   * and in any case this long after login (e-Gov style: re-sign with the EDS to continue).
   */
  PORTAL_CHALLENGE_TTL_SECONDS: int(10, 600).default(120),
  PORTAL_SESSION_IDLE_MINUTES: int(1, 24 * 60).default(30),
  PORTAL_SESSION_ABSOLUTE_HOURS: int(1, 72).default(8),
  /** Rate limit per identity (session IIN, else client IP): a token bucket of BURST tokens refilled at PER_MINUTE. */
  PORTAL_RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(300),
  PORTAL_RATE_LIMIT_BURST: int(1, 1_000_000).default(60),
  /** kafkajs' own logging, separately: its INFO/DEBUG are very chatty. */
  KAFKA_LOG_LEVEL: z.enum(['nothing', 'error', 'warn', 'info', 'debug']).default('warn'),
}).superRefine((c, ctx) => {
  if (c.KAFKA_SASL_MECHANISM && !(c.KAFKA_SASL_USERNAME && c.KAFKA_SASL_PASSWORD)) {
    ctx.addIssue({ code: 'custom', path: ['KAFKA_SASL_USERNAME'], message: 'required (with KAFKA_SASL_PASSWORD) when KAFKA_SASL_MECHANISM is set' });
  }
  if (c.DATABASE_POOL_SIZE !== undefined && c.DATABASE_POOL_SIZE < c.KAFKA_PARTITIONS_CONCURRENTLY + 2) {
    ctx.addIssue({ code: 'custom', path: ['DATABASE_POOL_SIZE'], message: 'must be at least KAFKA_PARTITIONS_CONCURRENTLY + 2 (feed batches in flight, an outbox drain and its reads)' });
  }
  if (c.EDS_KEY_PASSWORD !== undefined && c.EDS_KEY_PASSWORD_FILE !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['EDS_KEY_PASSWORD_FILE'], message: 'set EDS_KEY_PASSWORD or EDS_KEY_PASSWORD_FILE, not both' });
  }
  if (c.FRESHNESS_PAUSE_ABOVE_MS > 0 && c.FRESHNESS_RESUME_BELOW_MS >= c.FRESHNESS_PAUSE_ABOVE_MS) {
    ctx.addIssue({ code: 'custom', path: ['FRESHNESS_RESUME_BELOW_MS'], message: 'must be below FRESHNESS_PAUSE_ABOVE_MS (or set FRESHNESS_PAUSE_ABOVE_MS=0 to turn the back-off off)' });
  }
  if (c.KAFKA_MIN_INSYNC_REPLICAS > c.KAFKA_REPLICATION_FACTOR) {
    ctx.addIssue({ code: 'custom', path: ['KAFKA_MIN_INSYNC_REPLICAS'], message: 'must not exceed KAFKA_REPLICATION_FACTOR' });
  }
});

export type HubConfig = Omit<z.infer<typeof hubConfigSchema>, 'DATABASE_POOL_SIZE'> & {
  DATABASE_POOL_SIZE: number;
  /** Database passwords by role name, from `<ROLE>_PASSWORD`, `<ROLE>_PASSWORD_FILE` or DATABASE_SECRETS_DIR/<role>. */
  DATABASE_PASSWORDS: Readonly<Record<string, string>>;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const ROLE_PASSWORD = /^(HUB_[A-Z0-9_]+?)_PASSWORD(_FILE)?$/;

/**
 * Role passwords: `HUB_TAX_PASSWORD=...`, or `HUB_TAX_PASSWORD_FILE=/run/secrets/hub_tax`, or a
 * file named `hub_tax` in DATABASE_SECRETS_DIR (how Kubernetes and Docker mount secrets). A direct
 * variable wins over a file. Without any, the role logs in without one (trust auth, local only).
 */
function databasePasswords(env: NodeJS.ProcessEnv, secretsDir: string | undefined, problems: string[]): Record<string, string> {
  const read = (file: string, variable: string): string | undefined => {
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      problems.push(`${variable}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      return undefined;
    }
  };
  const out: Record<string, string> = {};
  if (secretsDir) {
    let names: string[] = [];
    try {
      names = readdirSync(secretsDir).filter((n) => /^hub_[a-z0-9_]+$/.test(n));
    } catch (error) {
      problems.push(`DATABASE_SECRETS_DIR: cannot list ${secretsDir} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    for (const name of names) {
      const value = read(path.join(secretsDir, name), 'DATABASE_SECRETS_DIR');
      if (value !== undefined) out[name] = value;
    }
  }
  const keys = Object.keys(env).filter((k) => ROLE_PASSWORD.test(k)).sort((a, b) => b.length - a.length); // *_FILE first, plain overrides
  for (const key of keys) {
    const [, role, file] = ROLE_PASSWORD.exec(key) as RegExpExecArray;
    const value = file ? read(env[key] as string, key) : env[key];
    if (value !== undefined) out[role.toLowerCase()] = value;
  }
  return out;
}

export interface EdsSettings {
  keyFile: string;
  keyPassword: string;
  trustAnchors: string[];
  intermediates: string[];
  crls: string[];
  ocspResponders: Array<{ issuerFile: string; url: string }>;
}

/**
 * The EDS part of the config, for deployables that sign or verify: fails at start-up naming every
 * missing setting, and reads the password file once here (secrets never pass through logs).
 */
export function requireEdsSettings(c: HubConfig): EdsSettings {
  const problems: string[] = [];
  if (!c.EDS_KEY_FILE) problems.push('EDS_KEY_FILE: required (the hub\'s PKCS#12 signing key)');
  if (c.EDS_KEY_PASSWORD === undefined && !c.EDS_KEY_PASSWORD_FILE) problems.push('EDS_KEY_PASSWORD or EDS_KEY_PASSWORD_FILE: required');
  if (c.EDS_TRUST_ANCHORS.length === 0) problems.push('EDS_TRUST_ANCHORS: at least one PEM file');
  if (c.EDS_CRLS.length === 0 && c.EDS_OCSP_RESPONDERS.length === 0) problems.push('EDS_CRLS or EDS_OCSP_RESPONDERS: a revocation source is required (checklist item 6)');
  let keyPassword = c.EDS_KEY_PASSWORD ?? '';
  if (c.EDS_KEY_PASSWORD_FILE) {
    try {
      keyPassword = readFileSync(c.EDS_KEY_PASSWORD_FILE, 'utf8').replace(/\r?\n$/, '');
    } catch {
      problems.push(`EDS_KEY_PASSWORD_FILE: cannot read ${c.EDS_KEY_PASSWORD_FILE}`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    keyFile: c.EDS_KEY_FILE as string,
    keyPassword,
    trustAnchors: c.EDS_TRUST_ANCHORS,
    intermediates: c.EDS_INTERMEDIATES,
    crls: c.EDS_CRLS,
    ocspResponders: c.EDS_OCSP_RESPONDERS.map((r) => {
      const [issuerFile, url] = r.split('|');
      return { issuerFile, url };
    }),
  };
}

/** The feeds' back-off policy from the config (KafkaBatchServer.freshness). */
export function freshnessPolicy(c: HubConfig): FreshnessPolicy {
  return { pauseAboveMs: c.FRESHNESS_PAUSE_ABOVE_MS, resumeBelowMs: c.FRESHNESS_RESUME_BELOW_MS, maxPauseMs: c.FRESHNESS_MAX_PAUSE_MS, minRunMs: c.FRESHNESS_MIN_RUN_MS };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const parsed = hubConfigSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
  const passwords = databasePasswords(env, typeof env.DATABASE_SECRETS_DIR === 'string' ? env.DATABASE_SECRETS_DIR : undefined, problems);
  if (parsed.success && problems.length === 0) {
    const data = parsed.data;
    return { ...data, DATABASE_POOL_SIZE: data.DATABASE_POOL_SIZE ?? data.KAFKA_PARTITIONS_CONCURRENTLY + 2, DATABASE_PASSWORDS: passwords };
  }
  throw new ConfigError(problems);
}
