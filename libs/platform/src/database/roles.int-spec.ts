import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { loadConfig } from '../config/hub-config';
import { ownerUrl } from './database-pools';
import { runMigrations } from './migrations';
import { migrateAsOwner } from './roles';
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
});
