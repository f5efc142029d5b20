import path from 'node:path';
import { runner } from 'node-pg-migrate';
import { projectRoot } from '../project-root';

/** A module's own migrations: SQL files in its folder, applied to its own schema. */
export interface MigrationSet {
  schema: string;
  /** Folder relative to the repository root, e.g. libs/sources/justice/migrations. */
  dir: string;
}

export const MIGRATION_SETS = Symbol('MIGRATION_SETS');

/**
 * node-pg-migrate keeps a journal per schema, so each module migrates independently and a
 * perimeter deployed alone carries only its own tables. Runs under an advisory lock: several
 * instances starting together apply each migration once.
 */
export async function runMigrations(databaseUrl: string, sets: readonly MigrationSet[], log: (msg: string) => void = () => undefined): Promise<void> {
  for (const set of sets) {
    await runner({
      databaseUrl,
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
  }
}
