import { readFileSync } from 'node:fs';
import { z } from 'zod';

const csv = z.string().transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean));
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

// One schema for every deployable: validated once at start-up, so a mistyped variable stops the
// process with its name instead of surfacing later as a connection error.
export const hubConfigSchema = z.object({
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/test'),
  DATABASE_POOL_SIZE: int(1, 200).default(10),
  /** The tax perimeter's own login (role hub_tax); confidential tax data is readable by no other role. */
  TAX_DATABASE_URL: z.string().url().default('postgres://hub_tax@127.0.0.1:5432/test'),
  KAFKA_BROKERS: csv.pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'host:port')).min(1)).default('127.0.0.1:9092'),
  KAFKA_CLIENT_ID: z.string().min(1).default('kz-hub'),
  KAFKA_GROUP_ID: z.string().min(1).default('kz-hub'),
  KAFKA_SSL: bool.default('false'),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().optional(),
  KAFKA_SASL_PASSWORD: z.string().optional(),
  /** Partitions one instance processes at once; each holds a pool connection while it writes. */
  KAFKA_PARTITIONS_CONCURRENTLY: int(1, 64).default(3),
  /** Attempts of a record that fails on its own before it is dead-lettered (HANDLER_REJECTED). */
  KAFKA_RECORD_ATTEMPTS: int(1, 20).default(3),
  /** /health: summed consumer lag above which a consumer making no progress for CONSUMER_STALL_MS is dead. */
  CONSUMER_MAX_LAG: int(0, 1_000_000_000).default(100_000),
  CONSUMER_STALL_MS: int(1000, 86_400_000).default(120_000),
  KAFKA_REPLICATION_FACTOR: int(1, 7).default(1),
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
  if (c.EDS_KEY_PASSWORD !== undefined && c.EDS_KEY_PASSWORD_FILE !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['EDS_KEY_PASSWORD_FILE'], message: 'set EDS_KEY_PASSWORD or EDS_KEY_PASSWORD_FILE, not both' });
  }
  if (c.KAFKA_MIN_INSYNC_REPLICAS > c.KAFKA_REPLICATION_FACTOR) {
    ctx.addIssue({ code: 'custom', path: ['KAFKA_MIN_INSYNC_REPLICAS'], message: 'must not exceed KAFKA_REPLICATION_FACTOR' });
  }
});

export type HubConfig = z.infer<typeof hubConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const parsed = hubConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
}
