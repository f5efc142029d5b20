/**
 * The database side of every module, in one place (as the topic catalog is for Kafka): the schema a
 * module owns, the login role its runtime connections use, and its migrations folder. A new module
 * adds one line here and `moduleDatabase(Stores.<name>)` to its Nest module's providers.
 *
 * Why one role per module (ARCHITECTURE "Data ownership"): a module's role is granted its own schema
 * only, so a query that strays into another module's tables - above all the tax financials - fails
 * with "permission denied" instead of reading them. Schemas are owned by OWNER_ROLE, which runs
 * migrations and no service: an owner bypasses grants, so no running service may be one.
 */
export interface StoreSpec {
  /** The schema the module owns, e.g. src_court. */
  schema: string;
  /** The runtime login role granted that schema, e.g. hub_court. Several stores may share a role. */
  role: string;
  /** Migrations folder relative to the repository root; none means only the schema is created. */
  dir?: string;
  /** Tables granted less than read/write, e.g. an append-only log: `{ entries: 'SELECT, INSERT' }`. */
  privileges?: Readonly<Record<string, string>>;
  /**
   * Settings every runtime connection of the role starts with, sent in the startup packet: a
   * setting a query depends on costs no round trip (a `SET LOCAL` needs a transaction around the
   * query: BEGIN, SET, query, COMMIT). Stores sharing a role must agree.
   */
  settings?: Readonly<Record<string, string>>;
}

/** The migration owner: owns every module schema, runs migrations, runs no service. */
export const OWNER_ROLE = 'hub_owner';

export const Stores = {
  justice: { schema: 'src_justice', role: 'hub_justice', dir: 'libs/sources/justice/migrations' },
  tax: { schema: 'src_tax', role: 'hub_tax', dir: 'libs/sources/tax/migrations' },
  statistics: { schema: 'src_stat', role: 'hub_statistics', dir: 'libs/sources/statistics/migrations' },
  court: { schema: 'src_court', role: 'hub_court', dir: 'libs/sources/court/migrations' },
  utility: { schema: 'src_utility', role: 'hub_utility', dir: 'libs/sources/utility/migrations' },
  feedStatus: { schema: 'src_feed_status', role: 'hub_feed_status', dir: 'libs/feed-status/migrations' },
  scoring: { schema: 'scoring', role: 'hub_scoring', dir: 'libs/scoring/migrations' },
  // Search's `%` operator reads the trigram threshold from the session; 0.3 is the register's
  // WORD_LIKENESS (libs/register/src/register.repository.ts), set here whatever the server's default.
  // No JIT: the search statement's row estimates (set-returning functions count 1,000 rows each) put
  // it over jit_above_cost, and LLVM compiled it on every run: ~1.2 s of CPU for a 5 ms search.
  // Generic plans: the same estimates made the planner's cost test keep a custom plan for every
  // search (pg_prepared_statements: 400 custom, 0 generic), planning it again each time; a generic
  // plan gave the same first pages on 200 bench probes for ~1.3 ms less PostgreSQL CPU a search.
  // The register's four statements are shaped not to depend on their values (arrays unnested,
  // LATERAL look-ups by key); its triggers' statements have no parameters (always generic).
  register: {
    schema: 'register', role: 'hub_register', dir: 'libs/register/migrations',
    settings: { 'pg_trgm.similarity_threshold': '0.3', jit: 'off', plan_cache_mode: 'force_generic_plan' },
  },
  ndip: { schema: 'ndip', role: 'hub_ndip', dir: 'libs/ndip/migrations' },
  screening: { schema: 'screening', role: 'hub_screening', dir: 'libs/screening/migrations' },
  // The log is evidence: its role may append and read, never change or remove a row; the owner
  // (who could disable the append-only trigger) runs no service.
  messageLog: { schema: 'message_log', role: 'hub_message_log', dir: 'libs/message-log/migrations', privileges: { entries: 'SELECT, INSERT' } },
  projects: { schema: 'projects', role: 'hub_projects', dir: 'libs/projects/migrations' },
  // The portal (issue 14): challenges and sessions it changes; the register of checks (BPR §36) and
  // the issued reports (§28) are evidence, so its role may append and read them, never change them.
  portal: { schema: 'portal', role: 'hub_portal', dir: 'libs/portal/migrations', privileges: { checks: 'SELECT, INSERT' } },
  reports: { schema: 'reports', role: 'hub_portal', dir: 'libs/reports/migrations', privileges: { reports: 'SELECT, INSERT' } },
  // A new module adds its line here.
} as const satisfies Record<string, StoreSpec>;

export const ALL_STORES: readonly StoreSpec[] = Object.values(Stores);

/** Every runtime role, once each (the local stack and `npm run db:roles` create them). */
export const runtimeRoles = (stores: readonly StoreSpec[] = ALL_STORES): string[] => [...new Set(stores.map((s) => s.role))];
