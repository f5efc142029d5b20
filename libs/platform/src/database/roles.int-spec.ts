import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { loadConfig } from '../config/hub-config';
import { ownerUrl } from './database-pools';
import { runMigrations } from './migrations';
import { ensureRoles, migrateAsOwner } from './roles';
import { OWNER_ROLE, Stores } from './stores';

const withDatabase = (url: string, name: string): string => { const u = new URL(url); u.pathname = `/${name}`; return u.toString(); };

/**
 * A shared schema first created by a test or a tool (run with the superuser's login) must still be
 * the owner's: a CI run once failed every hub start with "permission denied for schema message_log"
 * because a test file that migrated it ran before any hub.
 */
describe('migrateAsOwner on PostgreSQL', () => {
  const config = loadConfig();
  const name = `roles_t${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const url = withDatabase(config.DATABASE_URL, name);
  const admin = new Pool({ connectionString: config.DATABASE_URL, max: 1 });

  beforeAll(() => admin.query(`CREATE DATABASE "${name}"`));
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('leaves a schema it creates to the owner, who can migrate it again as a hub start does', async () => {
    await migrateAsOwner(url, config, [Stores.messageLog]);
    const db = new Pool({ connectionString: url, max: 1 });
    try {
      const { rows } = await db.query<{ owner: string }>("SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = 'message_log'");
      expect(rows).toEqual([{ owner: OWNER_ROLE }]);
    } finally {
      await db.end();
    }
    await expect(runMigrations(ownerUrl({ ...config, DATABASE_URL: url }), [Stores.messageLog])).resolves.toBeUndefined();
  });

  it('sets the roles up from two databases of the cluster at once, as parallel test files and evaluate runs do', async () => {
    const other = `${name}b`;
    await admin.query(`CREATE DATABASE "${other}"`);
    try {
      // Role DDL races in the shared catalog ("tuple concurrently updated"); each run must still succeed.
      for (let round = 0; round < 3; round++) {
        await expect(Promise.all([ensureRoles(url, config), ensureRoles(withDatabase(config.DATABASE_URL, other), config)])).resolves.toEqual([undefined, undefined]);
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${other}" WITH (FORCE)`);
    }
  });

  it('migrates two stores started at the same moment, as perimeters deployed side by side start', async () => {
    // node-pg-migrate's try-lock is one per database: the second starter failed with "Another
    // migration is already running" until runMigrations waited for its turn.
    const owner = ownerUrl({ ...config, DATABASE_URL: url });
    await expect(Promise.all([
      migrateAsOwner(url, config, [Stores.justice]), migrateAsOwner(url, config, [Stores.court]), migrateAsOwner(url, config, [Stores.utility]),
    ])).resolves.toEqual([undefined, undefined, undefined]);
    const db = new Pool({ connectionString: owner, max: 1 });
    try {
      const { rows } = await db.query<{ n: string }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname IN ('src_justice', 'src_court', 'src_utility') AND tablename = 'schema_migrations'");
      expect(Number(rows[0].n)).toBe(3);
    } finally {
      await db.end();
    }
  });
});
