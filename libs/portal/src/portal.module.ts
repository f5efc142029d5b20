import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { EdsRuntime } from '@hub/eds';
import path from 'node:path';
import { Database, HubConfig, MigrationSet, moduleDatabase, projectRoot, requireEdsSettings, Stores } from '@hub/platform';
import { RegisterModule } from '@hub/register';
import { REPORTS_MIGRATIONS, ReportService } from '@hub/reports';
import { ScoringModule } from '@hub/scoring';
import { AuthController } from './auth/auth.controller';
import { LoginService } from './auth/login.service';
import { PortalGuard } from './auth/portal.guard';
import { SessionStore } from './auth/session.repository';
import { PgSessionRevocations } from './auth/session-revocations';
import { TokenBuckets } from './auth/token-bucket';
import { CardViewInterceptor } from './checks/card-view.interceptor';
import { CheckLog } from './checks/check-log';
import { PortalFrontDoor } from './front-door';
import { ChecksController } from './checks/checks.controller';
import { PORTAL_PAGE_FILES, PortalPageController, loadPageFiles } from './page/page.controller';
import { CHECK_LOG, LOGIN_SERVICE, PORTAL_CLOCK, PORTAL_EDS, RATE_LIMITER, REPORT_SERVICE, SESSION_REVOCATIONS, SESSION_STORE } from './portal.tokens';
import { ReportsController } from './reports/reports.controller';
import { SubjectFacts } from './reports/subject-facts';

export const PORTAL_MIGRATIONS: readonly MigrationSet[] = [Stores.portal, ...REPORTS_MIGRATIONS];

/**
 * The entrepreneurs' portal (issue 14, BPR §28-§37): EDS login and sessions, the global guard that
 * makes every HTTP route need a session unless marked @Public, rate limits per identity.
 * Connects as its own role (hub_portal); needs PORTAL_MIGRATIONS among the deployable's migrations.
 */
@Module({})
export class PortalModule {
  /**
   * `staticDir`: the page's files (apps/portal/public by default); the composition root that
   * serves the page passes it, a lib does not reach into an app.
   */
  static forRoot(config: HubConfig, options: { clock?: () => Date; staticDir?: string } = {}): DynamicModule {
    const clock = options.clock ?? (() => new Date());
    const staticDir = options.staticDir ?? path.join(projectRoot(), 'apps', 'portal', 'public');
    const eds = requireEdsSettings(config);
    return {
      module: PortalModule,
      imports: [RegisterModule, ScoringModule],
      controllers: [PortalPageController, AuthController, ChecksController, ReportsController],
      providers: [
        // one role (hub_portal) for both its schemas, portal and reports
        moduleDatabase(Stores.portal),
        { provide: PORTAL_CLOCK, useValue: clock },
        { provide: PORTAL_PAGE_FILES, useFactory: () => loadPageFiles(staticDir) },
        // Reports are signed on every request: off the event loop, one thread per core but the loop's.
        { provide: PORTAL_EDS, useFactory: () => EdsRuntime.create(eds, clock) },
        // Deleted and changed sessions announced by the database (migration portal-session-closed), so
        // each instance can keep the sessions it read (SessionStore) and still drop a revoked one at once.
        {
          provide: SESSION_REVOCATIONS,
          inject: [Database],
          useFactory: async (db: Database) => {
            const revocations = new PgSessionRevocations(db.pool.options);
            await revocations.start();
            return revocations;
          },
        },
        {
          provide: SESSION_STORE,
          inject: [Database, SESSION_REVOCATIONS],
          useFactory: (db: Database, revocations: PgSessionRevocations) => new SessionStore(db, {
            idleMs: config.PORTAL_SESSION_IDLE_MINUTES * 60_000,
            absoluteMs: config.PORTAL_SESSION_ABSOLUTE_HOURS * 3_600_000,
            challengeTtlMs: config.PORTAL_CHALLENGE_TTL_SECONDS * 1000,
          }, revocations),
        },
        { provide: RATE_LIMITER, useFactory: () => new TokenBuckets(config.PORTAL_RATE_LIMIT_PER_MINUTE, config.PORTAL_RATE_LIMIT_BURST) },
        {
          provide: LOGIN_SERVICE,
          inject: [SESSION_STORE, PORTAL_EDS],
          useFactory: (sessions: SessionStore, rt: EdsRuntime) => new LoginService(sessions, rt.documentVerifier(), clock),
        },
        { provide: CHECK_LOG, inject: [Database], useFactory: (db: Database) => new CheckLog(db, clock) },
        {
          provide: REPORT_SERVICE,
          inject: [Database, PORTAL_EDS],
          useFactory: (db: Database, rt: EdsRuntime) => {
            if (!rt.identity.bin) throw new Error('the hub\'s EDS key must be an organisation certificate with a BIN');
            return new ReportService(db, rt.documentSigner, rt.documentVerifier(), rt.identity.bin, clock);
          },
        },
        SubjectFacts,
        { provide: APP_GUARD, useClass: PortalGuard },
        // The plain search request ahead of Express, under the same guard rule (front-door.ts).
        PortalFrontDoor,
        { provide: APP_INTERCEPTOR, useClass: CardViewInterceptor },
      ],
      exports: [PORTAL_EDS, SESSION_STORE, CHECK_LOG, REPORT_SERVICE],
    };
  }
}
