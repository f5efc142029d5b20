import { DynamicModule, Module } from '@nestjs/common';
import { HubConfig, MigrationSet, PlatformModule } from '@hub/platform';
import { PORTAL_MIGRATIONS, PortalModule } from '@hub/portal';

export const PORTAL_APP_MIGRATIONS: readonly MigrationSet[] = PORTAL_MIGRATIONS;

/**
 * The portal alone (issue 14 item 7): the page, EDS login, reports and the register of checks,
 * reading the register's and scoring's stores, which the hub (or their own deployables) keep. It
 * consumes no topic: several instances share challenges, sessions, checks and reports through
 * PostgreSQL, so any of them can serve any request behind a balancer.
 */
@Module({})
export class PortalAppModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: PortalAppModule,
      imports: [PlatformModule.forRoot({ config, topics: [], migrations: PORTAL_APP_MIGRATIONS }), PortalModule.forRoot(config)],
    };
  }
}
