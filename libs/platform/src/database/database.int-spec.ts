import { loadConfig } from '../config/hub-config';
import { Database, named } from './database';
import { DatabasePools } from './database-pools';
import { Stores } from './stores';

/**
 * Issue 15: a PostgreSQL restart killed the hub with an unhandled 'error' event from a pg client
 * ("terminating connection due to administrator command", 57P01). The pool only listens on idle
 * clients; a client checked out for a transaction, between two of its queries, had no listener.
 * pg_terminate_backend sends that very message to one connection.
 */
describe('Database when the server terminates a connection', () => {
  const url = loadConfig().DATABASE_URL;
  const database = new Database(url, 2);
  const admin = new Database(url, 1);
  afterAll(async () => {
    await database.close();
    await admin.close();
  });

  it('fails the transaction that held it, not the process, and carries on with a new connection', async () => {
    const transaction = database.transaction(async (client) => {
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      await new Promise((r) => setTimeout(r, 500)); // the FATAL arrives while no query of this client runs
      await client.query('SELECT 1');
    });
    await expect(transaction).rejects.toThrow();
    expect(await database.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});

describe('Database.queryArrays', () => {
  it('answers each row as its columns in the statement\'s order, prepared as a named statement is', async () => {
    const database = new Database(loadConfig().DATABASE_URL, 1);
    try {
      const statement = named('test.query-arrays', 'SELECT s AS n, s::text || $1 AS t, s::real / 2 AS half FROM generate_series(1, $2::int) s');
      for (let i = 0; i < 2; i++) expect(await database.queryArrays(statement, ['x', 2])).toEqual([[1, '1x', 0.5], [2, '2x', 1]]);
    } finally {
      await database.close();
    }
  });
});

describe('Database settings sent at connection start', () => {
  it('every connection of the pool starts with them, without a statement of its own', async () => {
    const database = new Database(loadConfig().DATABASE_URL, 2, { settings: { 'pg_trgm.similarity_threshold': '0.45', application_name: 'hub settings test' } });
    try {
      // Two connections at once: both carry the settings, not just the first.
      const [a, b] = await Promise.all([0, 1].map(() => database.transaction(async (c) => {
        const { rows } = await c.query<{ t: string; app: string }>("SELECT current_setting('pg_trgm.similarity_threshold', true) AS t, current_setting('application_name') AS app, pg_sleep(0.1)");
        return rows[0];
      })));
      expect(a).toMatchObject({ t: '0.45', app: 'hub settings test' });
      expect(b).toMatchObject({ t: '0.45', app: 'hub settings test' });
    } finally {
      await database.close();
    }
  });
});

describe('DatabasePools role connections', () => {
  // A batch statement over tables without statistics was JIT-compiled on every run (2.1 s of LLVM
  // for 0.3 s of work): no role may start with JIT on, and a store's own settings still apply.
  it('start every role without JIT and keep the store\'s own settings', async () => {
    const pools = new DatabasePools(loadConfig());
    try {
      const [justice] = await pools.for(Stores.justice).query<{ jit: string }>("SELECT current_setting('jit') AS jit");
      const [register] = await pools.for(Stores.register).query<{ jit: string; t: string; plans: string }>(
        "SELECT current_setting('jit') AS jit, current_setting('pg_trgm.similarity_threshold') AS t, current_setting('plan_cache_mode') AS plans");
      expect(justice.jit).toBe('off');
      expect(register).toEqual({ jit: 'off', t: '0.3', plans: 'force_generic_plan' });
    } finally {
      await pools.close();
    }
  });
});
