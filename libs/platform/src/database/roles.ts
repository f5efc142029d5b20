import { Client } from 'pg';
import { HubConfig } from '../config/hub-config';
import { roleUrl } from './database-pools';
import { grantStores, runMigrations } from './migrations';
import { ALL_STORES, OWNER_ROLE, StoreSpec, runtimeRoles } from './stores';

const ROLE_ATTRIBUTES = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT';

/**
 * What a database administrator does once per database (locally the stack does it; in production a
 * DBA or the platform's provisioning): creates the owner and the module roles - none superuser,
 * none able to create roles or databases - sets their passwords from the configuration, lets them
 * connect, lets the owner create schemas, and hands schemas that already exist (a database that ran
 * an earlier version as a superuser) to the owner, so that no runtime role owns anything.
 * Idempotent; needs a login that may create roles (DATABASE_URL locally: the superuser).
 */
export async function ensureRoles(adminUrl: string, config: Pick<HubConfig, 'DATABASE_PASSWORDS'>, stores: readonly StoreSpec[] = ALL_STORES): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ensureRolesOnce(adminUrl, config, stores);
    } catch (error) {
      if (!isConcurrentCatalogUpdate(error) || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
}

const MAX_ATTEMPTS = 5;

/**
 * Roles live in the cluster's shared catalog, but an advisory lock is taken in one database: two runs
 * against two databases of one cluster (parallel test files, two `evaluate` runs) do not take turns,
 * and PostgreSQL then fails the loser of two concurrent ALTER ROLE / GRANT on one role with "tuple
 * concurrently updated" (seen on 2026-12-02). Every statement here is idempotent, so the run is repeated.
 */
const isConcurrentCatalogUpdate = (error: unknown): boolean =>
  (error as { code?: string }).code === 'XX000' && /tuple concurrently updated/.test((error as Error).message);

async function ensureRolesOnce(adminUrl: string, config: Pick<HubConfig, 'DATABASE_PASSWORDS'>, stores: readonly StoreSpec[]): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  client.on('error', () => undefined); // a terminated connection fails the query in flight; without a listener it also crashed the process
  await client.connect();
  try {
    // Runs on one database take turns; runs on two databases of the cluster do not (see isConcurrentCatalogUpdate).
    await client.query("SELECT pg_advisory_lock(hashtext('hub.ensure-roles'))");
    const database = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
    for (const role of [OWNER_ROLE, ...runtimeRoles(stores)]) {
      const name = client.escapeIdentifier(role);
      const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount;
      if (!exists) {
        await client.query(`CREATE ROLE ${name} ${ROLE_ATTRIBUTES}`).catch((error: { code?: string }) => {
          if (error.code !== '42710') throw error; // created meanwhile by another cluster-wide run
        });
      }
      const password = config.DATABASE_PASSWORDS[role];
      // Without a configured password the role's password is left as it is (trust auth locally, or set by a DBA).
      await client.query(`ALTER ROLE ${name} ${ROLE_ATTRIBUTES}${password === undefined ? '' : ` PASSWORD ${client.escapeLiteral(password)}`}`);
      await client.query(`GRANT CONNECT ON DATABASE ${client.escapeIdentifier(database)} TO ${name}`);
    }
    const owner = client.escapeIdentifier(OWNER_ROLE);
    await client.query(`GRANT CREATE ON DATABASE ${client.escapeIdentifier(database)} TO ${owner}`);
    for (const store of stores) {
      const exists = (await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [store.schema])).rowCount;
      if (!exists) continue;
      const schema = client.escapeIdentifier(store.schema);
      await client.query(`ALTER SCHEMA ${schema} OWNER TO ${owner}`);
      // Tables, views and free-standing sequences; a column's sequence follows its table.
      const objects = await client.query<{ name: string; kind: string }>(
        `SELECT c.relname AS name, c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND pg_get_userbyid(c.relowner) <> $2
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i') AND c.relkind = 'S')`, [store.schema, OWNER_ROLE]);
      for (const o of objects.rows) {
        const kind = o.kind === 'S' ? 'SEQUENCE' : o.kind === 'v' ? 'VIEW' : o.kind === 'm' ? 'MATERIALIZED VIEW' : 'TABLE';
        await client.query(`ALTER ${kind} ${schema}.${client.escapeIdentifier(o.name)} OWNER TO ${owner}`);
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext('hub.ensure-roles'))").catch(() => undefined);
    await client.end();
  }
}

/**
 * Migrates shared schemas the way a hub start does - as the owner, then the grants - after making
 * sure the roles exist. For tests and tools that set a shared schema up outside a hub: migrated
 * with the superuser's login, a schema a hub has not created yet would be the superuser's, and
 * every hub started afterwards fails on it with "permission denied for schema".
 */
export async function migrateAsOwner(adminUrl: string, config: Pick<HubConfig, 'DATABASE_PASSWORDS'>, sets: readonly StoreSpec[]): Promise<void> {
  await ensureRoles(adminUrl, config);
  const owner = roleUrl({ DATABASE_URL: adminUrl, DATABASE_PASSWORDS: config.DATABASE_PASSWORDS }, OWNER_ROLE);
  await runMigrations(owner, sets);
  await grantStores(owner, sets);
}
