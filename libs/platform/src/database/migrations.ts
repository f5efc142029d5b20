import path from 'node:path';
import { runner } from 'node-pg-migrate';
import { Client, Pool } from 'pg';
import { projectRoot } from '../project-root';
import { StoreSpec } from './stores';

/** A module's own migrations: SQL files in its folder, applied to its own schema, granted to its role. */
export type MigrationSet = StoreSpec;

export const MIGRATION_SETS = Symbol('MIGRATION_SETS');

const quoteIdent = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return `"${name}"`;
};

/**
 * node-pg-migrate keeps a journal per schema, so each module migrates independently and a
 * perimeter deployed alone carries only its own tables. Runs under an advisory lock that waits:
 * several instances starting together apply each migration once, one after the other. Run it as the owner role: the objects it
 * creates are the owner's, and `grantStores` then gives each module's role its own schema.
 */
export async function runMigrations(databaseUrl: string, sets: readonly MigrationSet[], log: (msg: string) => void = () => undefined): Promise<void> {
  for (const set of sets) {
    if (!set.dir) {
      const pool = new Pool({ connectionString: databaseUrl, max: 1 });
      try {
        await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(set.schema)}`);
      } finally {
        await pool.end();
      }
      continue;
    }
    // node-pg-migrate's own client has no 'error' listener and its close() does not wait for the
    // connection to end: a server that terminates it (restart, DROP DATABASE ... FORCE) then threw an
    // unhandled 'error' event (CI, stop 20). With our client the failure reaches the caller as a
    // rejected query, and the connection is closed before this returns.
    const dbClient = new Client({ connectionString: databaseUrl });
    dbClient.on('error', () => undefined);
    await dbClient.connect();
    try {
      // node-pg-migrate's own lock is one key per database taken with pg_try_advisory_lock: a second
      // process migrating at the same moment, even another schema, failed to start with "Another
      // migration is already running" (five perimeters started together did). Waiting here first, on
      // this session, makes it queue instead; its own try-lock then succeeds on the same session.
      await dbClient.query("SELECT pg_advisory_lock(hashtext('hub.migrations'))");
      await runner({
        dbClient,
        dir: path.join(projectRoot(), set.dir),
        schema: set.schema,
        createSchema: true,
        migrationsSchema: set.schema,
        migrationsTable: 'schema_migrations',
        direction: 'up',
        count: Infinity,
        checkOrder: true,
        log: (msg: string) => log(`[${set.schema}] ${msg}`),
      });
    } finally {
      await dbClient.end().catch(() => undefined);
    }
  }
}

/**
 * Each module role gets its own schema and nothing else: USAGE on the schema, read/write on its
 * tables and sequences (not the migration journal, not CREATE). Run as the owner after migrating; a
 * table the owner does not own (created by someone else) is left alone. Serialised by an advisory
 * lock: concurrent GRANTs on one object fail with "tuple concurrently updated".
 */
export async function grantStores(ownerDatabaseUrl: string, sets: readonly MigrationSet[]): Promise<void> {
  const pool = new Pool({ connectionString: ownerDatabaseUrl, max: 1 });
  pool.on('error', () => undefined);
  const client = await pool.connect();
  client.on('error', () => undefined); // checked out, it has no pool listener: a terminated connection would crash the process
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('hub.grant-stores'))");
    for (const set of sets) {
      const schema = quoteIdent(set.schema);
      const role = quoteIdent(set.role);
      await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
      const objects = await client.query<{ name: string; kind: string }>(
        `SELECT c.relname AS name, c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
           AND c.relname <> 'schema_migrations' AND c.relname NOT LIKE 'schema_migrations_%'`, [set.schema]);
      for (const o of objects.rows) {
        const privileges = o.kind === 'S' ? 'USAGE, SELECT, UPDATE' : set.privileges?.[o.name] ?? 'SELECT, INSERT, UPDATE, DELETE';
        if (!/^[A-Z, ]+$/.test(privileges)) throw new Error(`bad privileges for ${set.schema}.${o.name}: ${privileges}`);
        await client.query(`GRANT ${privileges} ON ${o.kind === 'S' ? 'SEQUENCE' : 'TABLE'} ${schema}.${quoteIdent(o.name)} TO ${role}`);
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
    await pool.end();
  }
}
