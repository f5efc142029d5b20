import { Provider } from '@nestjs/common';
import { HubConfig } from '../config/hub-config';
import { Database } from './database';
import { OWNER_ROLE, StoreSpec } from './stores';

/** DATABASE_URL's location with another login: the role's name and its configured password. */
export function roleUrl(config: Pick<HubConfig, 'DATABASE_URL' | 'DATABASE_PASSWORDS'>, role: string): string {
  const url = new URL(config.DATABASE_URL);
  url.username = role;
  url.password = config.DATABASE_PASSWORDS[role] ?? '';
  return url.toString();
}

/** The migration owner's URL: only provisioning (migrations and grants) uses it. */
export const ownerUrl = (config: Pick<HubConfig, 'DATABASE_URL' | 'DATABASE_PASSWORDS'>): string => roleUrl(config, OWNER_ROLE);

/**
 * Every role's connections start without JIT. The hub's statements are batch upserts and keyed
 * reads of milliseconds; on tables the planner has no statistics for (autovacuum is off on the CI
 * and development servers, and a bulk load outruns it anywhere) their estimates pass
 * jit_above_cost and LLVM compiled them on every run: the justice perimeter's batch read spent
 * 2.1 s compiling for 0.3 s of execution, 500 subjects at a time, during a 1M-record load. A
 * store's own settings come after and may turn it back on.
 */
export const ROLE_DEFAULT_SETTINGS: Readonly<Record<string, string>> = { jit: 'off' };

/**
 * One small pool per module role in a process. With every module in one hub that is a handful of
 * pools of DATABASE_POOL_SIZE each; idle pools close their connections, so the steady count is what
 * is in use (feed partitions in flight, outbox drains, HTTP reads). Pools are keyed by role: modules
 * sharing a role share a pool.
 */
export class DatabasePools {
  private readonly pools = new Map<string, Database>();

  constructor(private readonly config: HubConfig) {}

  for(store: Pick<StoreSpec, 'role' | 'settings'>): Database {
    let database = this.pools.get(store.role);
    if (!database) {
      database = new Database(roleUrl(this.config, store.role), this.config.DATABASE_POOL_SIZE, { settings: { ...ROLE_DEFAULT_SETTINGS, ...store.settings } });
      this.pools.set(store.role, database);
    }
    return database;
  }

  /** Every role in use can log in and answer. */
  async ping(): Promise<void> {
    await Promise.all([...this.pools.values()].map((d) => d.ping()));
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((d) => d.close().catch(() => undefined)));
    this.pools.clear();
  }
}

/**
 * A module's own `Database`: put it in the module's providers and everything in that module that
 * injects `Database` connects as the module's role. No Database is provided globally, so a module
 * without one fails at start-up rather than borrowing another's login.
 */
export const moduleDatabase = (store: StoreSpec): Provider => ({ provide: Database, inject: [DatabasePools], useFactory: (pools: DatabasePools) => pools.for(store) });
