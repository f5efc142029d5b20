import { loadConfig } from '../config/hub-config';
import { Database } from './database';

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
