import { Pool, PoolClient, QueryResultRow } from 'pg';

export type Queryable = Pick<PoolClient, 'query'>;

/** `-c name=value` pairs for the startup packet's options (spaces and backslashes escaped). */
export function startupSettings(settings: Readonly<Record<string, string>>): string {
  const escape = (v: string) => v.replace(/[\\ ]/g, (c) => `\\${c}`);
  return Object.entries(settings).map(([k, v]) => `-c ${escape(k)}=${escape(v)}`).join(' ');
}

/**
 * A statement a hot path runs over and over: PostgreSQL parses and plans it once per connection
 * (a named prepared statement) instead of on every call. The name must be unique in the process
 * and always go with the same text; keep it to fixed SQL (never text built from input).
 */
export interface NamedStatement { readonly name: string; readonly text: string }

/** `statement` prepared under `name` (see NamedStatement). */
export const named = (name: string, text: string): NamedStatement => ({ name, text });

/** The query config for a client's query(): a named statement with its values, or the text as is. */
export function statement(sql: string | NamedStatement, values: unknown[]): { text: string; values: unknown[]; name?: string } {
  return typeof sql === 'string' ? { text: sql, values } : { name: sql.name, text: sql.text, values };
}

/** The one way code reaches PostgreSQL: a pool, transactions, and a liveness probe. */
export class Database {
  readonly pool: Pool;

  constructor(url: string, poolSize = 10, options: { allowExitOnIdle?: boolean; settings?: Readonly<Record<string, string>> } = {}) {
    // Idle connections close after 10 s: a process holds one small pool per module role, and only
    // the pools in use keep connections open.
    this.pool = new Pool({
      connectionString: url, max: poolSize, connectionTimeoutMillis: 5000, idleTimeoutMillis: 10_000, allowExitOnIdle: options.allowExitOnIdle,
      ...(options.settings ? { options: startupSettings(options.settings) } : {}),
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    // The pool listens only on idle clients. A client checked out for a transaction, between two
    // of its queries, got no listener: a PostgreSQL restart (57P01) then killed the process (issue 15).
    // Its next query fails instead, the transaction rolls back, and the pool discards the client.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  async query<R extends QueryResultRow>(sql: string | NamedStatement, params: unknown[] = []): Promise<R[]> {
    return (await (typeof sql === 'string' ? this.pool.query<R>(sql, params) : this.pool.query<R>(statement(sql, params)))).rows;
  }

  /**
   * Rows as arrays of their columns, in the statement's order: pg builds no object per row (its row
   * objects copy a dictionary of the column names), for a hot read of many rows and columns.
   */
  async queryArrays<R extends unknown[]>(sql: NamedStatement, params: unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>({ ...statement(sql, params), rowMode: 'array' })).rows;
  }

  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * `work` on a pooled connection without BEGIN/COMMIT: for one statement, which PostgreSQL
   * commits atomically by itself (several statements would each commit on their own).
   */
  async autocommit<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await work(client);
    } finally {
      client.release();
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('select 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
