import { INestApplication } from '@nestjs/common';
import { FeedStatusModule } from '@hub/feed-status';
import { ALL_STORES, Database, OWNER_ROLE, Stores, roleUrl, runtimeRoles } from '@hub/platform';
import { RegisterModule } from '@hub/register';
import { ScoringModule } from '@hub/scoring';
import { CivilCaseRepository, CourtModule } from '@hub/source-court';
import { JusticeModule } from '@hub/source-justice';
import { StatisticsModule } from '@hub/source-statistics';
import { TaxModule } from '@hub/source-tax';
import { UtilityModule } from '@hub/source-utility';
import { inspectDatabase, testConfig } from '@hub/test-support';
import { startHub } from '../apps/hub/src/hub.app';

/**
 * The role wall, enforced by PostgreSQL rather than by convention: each module's runtime role
 * reads and writes its own schema and is refused everything else, the tax financials included;
 * no role the hub runs with is a superuser, may create roles, or owns a table.
 */
describe('database roles', () => {
  const config = testConfig();
  const db = inspectDatabase();
  let app: INestApplication;

  beforeAll(async () => {
    app = await startHub(config); // provisions: migrations as the owner, grants per module
  });

  afterAll(async () => {
    await app?.close();
  });

  it('connects each module of the hub as its own role', async () => {
    const modules = [
      [JusticeModule, Stores.justice], [TaxModule, Stores.tax], [StatisticsModule, Stores.statistics], [CourtModule, Stores.court],
      [UtilityModule, Stores.utility], [FeedStatusModule, Stores.feedStatus], [ScoringModule, Stores.scoring], [RegisterModule, Stores.register],
    ] as const;
    for (const [module, store] of modules) {
      const database = app.select(module).get(Database, { strict: true });
      expect((await database.query<{ u: string }>('SELECT current_user AS u'))[0].u).toBe(store.role);
    }
    // What the module's own classes were given, not only what it provides.
    const repository: CivilCaseRepository = app.select(CourtModule).get(CivilCaseRepository, { strict: true });
    expect((await (repository as unknown as { database: Database }).database.query<{ u: string }>('SELECT current_user AS u'))[0].u).toBe(Stores.court.role);
  });

  it('no runtime role nor the owner is a superuser, creates roles or databases, or bypasses row security; no runtime role owns anything', async () => {
    const roles = await db.query<{ rolname: string; rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolbypassrls: boolean; rolreplication: boolean }>(
      'SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication FROM pg_roles WHERE rolname = ANY($1)', [[OWNER_ROLE, ...runtimeRoles()]]);
    expect(roles.map((r) => r.rolname).sort()).toEqual([OWNER_ROLE, ...runtimeRoles()].sort());
    expect(roles.filter((r) => r.rolsuper || r.rolcreaterole || r.rolcreatedb || r.rolbypassrls || r.rolreplication)).toEqual([]);
    const owned = await db.query<{ schema: string; name: string; owner: string }>(
      `SELECT n.nspname AS schema, c.relname AS name, pg_get_userbyid(c.relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p', 'v', 'm', 'S')`, [ALL_STORES.map((s) => s.schema)]);
    expect(owned.length).toBeGreaterThan(15);
    expect(owned.filter((o) => o.owner !== OWNER_ROLE)).toEqual([]);
    const schemaOwners = await db.query<{ owner: string }>('SELECT DISTINCT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = ANY($1)', [ALL_STORES.map((s) => s.schema)]);
    expect(schemaOwners).toEqual([{ owner: OWNER_ROLE }]);
  });

  it('each runtime role reads its own tables and gets "permission denied" on every other module\'s', async () => {
    const tables = await db.query<{ schema: string; name: string }>(
      `SELECT schemaname AS schema, tablename AS name FROM pg_tables WHERE schemaname = ANY($1) AND tablename <> 'schema_migrations' ORDER BY 1, 2`,
      [ALL_STORES.map((s) => s.schema)]);
    expect(tables.map((t) => `${t.schema}.${t.name}`)).toEqual(expect.arrayContaining(['src_tax.financials', 'src_tax.sample_subjects', 'src_court.civil_cases', 'scoring.final_scores']));
    const confidential = new Set(['src_tax.financials', 'src_tax.sample_subjects']);
    for (const role of runtimeRoles()) {
      const own = new Set(ALL_STORES.filter((s) => s.role === role).map((s) => s.schema));
      const login = new Database(roleUrl(config, role), 1);
      try {
        for (const t of tables) {
          const read = login.query(`SELECT 1 FROM ${t.schema}.${t.name} LIMIT 1`);
          if (own.has(t.schema)) await expect(read).resolves.toBeDefined();
          else await expect(read).rejects.toThrow(/permission denied/);
        }
        // Nor may it change another module's data, or create objects anywhere.
        const foreign = tables.find((t) => !own.has(t.schema))!;
        await expect(login.query(`DELETE FROM ${foreign.schema}.${foreign.name}`)).rejects.toThrow(/permission denied/);
        await expect(login.query(`CREATE TABLE ${[...own][0]}.intruder (x int)`)).rejects.toThrow(/permission denied/);
      } finally {
        await login.close();
      }
    }
    // The owner runs migrations, not services, and gave up reading the tax secrets.
    const owner = new Database(roleUrl(config, OWNER_ROLE), 1);
    try {
      for (const t of confidential) await expect(owner.query(`SELECT 1 FROM ${t} LIMIT 1`)).rejects.toThrow(/permission denied/);
    } finally {
      await owner.close();
    }
  });
});
