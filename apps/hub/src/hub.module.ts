import { DynamicModule, Module } from '@nestjs/common';
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

export const HUB_MIGRATIONS: readonly MigrationSet[] = [
  JUSTICE_MIGRATIONS, ...TAX_MIGRATIONS, ...STATISTICS_MIGRATIONS, ...COURT_MIGRATIONS, ...UTILITY_MIGRATIONS, ...FEED_STATUS_MIGRATIONS, ...SCORING_MIGRATIONS, ...REGISTER_MIGRATIONS,
  ...MESSAGE_LOG_MIGRATIONS, ...NDIP_MIGRATIONS, ...SCREENING_MIGRATIONS, ...PROJECTS_MIGRATIONS, ...PORTAL_MIGRATIONS,
];

/** Every module in one process: the default deployment on one machine. */
@Module({})
export class HubModule {
  static forRoot(config: HubConfig): DynamicModule {
    // One instance of the NDIP module (EDS runtime, envelope verifier) shared with the projects module.
    const ndip = NdipModule.forRoot(config);
    return {
      module: HubModule,
      imports: [
        PlatformModule.forRoot({ config, topics: ALL_TOPICS, migrations: HUB_MIGRATIONS }),
        JusticeModule, TaxModule, StatisticsModule, CourtModule, UtilityModule, FeedStatusModule, RegisterModule, ScoringModule, MessageLogModule, ScreeningModule,
        ndip, ProjectsModule.forRoot(config, ndip),
        PortalModule.forRoot(config),
      ],
    };
  }
}
