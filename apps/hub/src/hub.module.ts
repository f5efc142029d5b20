import { DynamicModule, Module, Type } from '@nestjs/common';
import { FEED_STATUS_MIGRATIONS, FeedStatusModule } from '@hub/feed-status';
import { MESSAGE_LOG_MIGRATIONS, MessageLogModule } from '@hub/message-log';
import { NDIP_MIGRATIONS, NdipModule } from '@hub/ndip';
import { PORTAL_MIGRATIONS, PortalModule } from '@hub/portal';
import { ALL_TOPICS, HubConfig, MigrationSet, PlatformModule } from '@hub/platform';
import { PROJECTS_MIGRATIONS, ProjectsModule } from '@hub/projects';
import { REGISTER_MIGRATIONS, RegisterModule } from '@hub/register';
import { SCORING_MIGRATIONS, ScoringModule } from '@hub/scoring';
import { SCREENING_MIGRATIONS, ScreeningModule } from '@hub/screening';
import { COURT_MIGRATIONS, CourtModule } from '@hub/source-court';
import { JUSTICE_MIGRATIONS, JusticeModule } from '@hub/source-justice';
import { STATISTICS_MIGRATIONS, StatisticsModule } from '@hub/source-statistics';
import { TAX_MIGRATIONS, TaxModule } from '@hub/source-tax';
import { UTILITY_MIGRATIONS, UtilityModule } from '@hub/source-utility';

/** What the hub itself owns, wherever the perimeters run: the register, scoring and the NDIP side. */
const CORE_MIGRATIONS: readonly MigrationSet[] = [
  ...SCORING_MIGRATIONS, ...REGISTER_MIGRATIONS, ...MESSAGE_LOG_MIGRATIONS, ...NDIP_MIGRATIONS, ...SCREENING_MIGRATIONS, ...PROJECTS_MIGRATIONS, ...PORTAL_MIGRATIONS,
];
const CORE_MODULES: readonly Type<unknown>[] = [RegisterModule, ScoringModule, MessageLogModule, ScreeningModule];

/** The perimeters (and feed status, which reads the utility store) when the hub hosts them in-process. */
const PERIMETER_MIGRATIONS: readonly MigrationSet[] = [
  JUSTICE_MIGRATIONS, ...TAX_MIGRATIONS, ...STATISTICS_MIGRATIONS, ...COURT_MIGRATIONS, ...UTILITY_MIGRATIONS, ...FEED_STATUS_MIGRATIONS,
];
const PERIMETER_MODULES: readonly Type<unknown>[] = [JusticeModule, TaxModule, StatisticsModule, CourtModule, UtilityModule, FeedStatusModule];

export const HUB_MIGRATIONS: readonly MigrationSet[] = [...PERIMETER_MIGRATIONS, ...CORE_MIGRATIONS];

export const hubMigrations = (config: HubConfig): readonly MigrationSet[] => (config.HUB_PERIMETERS === 'in-process' ? HUB_MIGRATIONS : CORE_MIGRATIONS);

/** Every module in one process (the default on one machine), or the core alone beside external perimeters. */
@Module({})
export class HubModule {
  static forRoot(config: HubConfig): DynamicModule {
    const inProcess = config.HUB_PERIMETERS === 'in-process';
    // One instance of the NDIP module (EDS runtime, envelope verifier) shared with the projects module.
    const ndip = NdipModule.forRoot(config);
    return {
      module: HubModule,
      imports: [
        PlatformModule.forRoot({ config, topics: ALL_TOPICS, migrations: hubMigrations(config) }),
        ...(inProcess ? PERIMETER_MODULES : []), ...CORE_MODULES,
        ndip, ProjectsModule.forRoot(config, ndip),
        PortalModule.forRoot(config),
      ],
    };
  }
}
