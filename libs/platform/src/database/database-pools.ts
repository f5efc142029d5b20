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
      database = new Database(roleUrl(this.config, store.role), this.config.DATABASE_POOL_SIZE, { settings: store.settings });
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
