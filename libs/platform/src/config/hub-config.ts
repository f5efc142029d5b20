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
  /** The register's own login (role hub_register): its schema `register` only, no grant on any src_* schema. */
  REGISTER_DATABASE_URL: z.string().url().default('postgres://hub_register@127.0.0.1:5432/test'),
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
  KAFKA_REPLICATION_FACTOR: int(1, 7).default(1),
  KAFKA_MIN_INSYNC_REPLICAS: int(1, 7).default(1),
  TOPIC_PREFIX: z.string().regex(/^[a-z0-9.-]*$/, 'lowercase letters, digits, dots and dashes').default(''),
  SCHEMA_REGISTRY_URL: z.string().url().default('http://127.0.0.1:8081/apis/ccompat/v7'),
  SCHEMA_REGISTRY_USERNAME: z.string().optional(),
  SCHEMA_REGISTRY_PASSWORD: z.string().optional(),
  HTTP_PORT: int(0, 65535).default(3000),
  HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  PROVISION_ON_START: bool.default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** kafkajs' own logging, separately: its INFO/DEBUG are very chatty. */
  KAFKA_LOG_LEVEL: z.enum(['nothing', 'error', 'warn', 'info', 'debug']).default('warn'),
}).superRefine((c, ctx) => {
  if (c.KAFKA_SASL_MECHANISM && !(c.KAFKA_SASL_USERNAME && c.KAFKA_SASL_PASSWORD)) {
    ctx.addIssue({ code: 'custom', path: ['KAFKA_SASL_USERNAME'], message: 'required (with KAFKA_SASL_PASSWORD) when KAFKA_SASL_MECHANISM is set' });
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const parsed = hubConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
}
