import { Module } from '@nestjs/common';
import { HUB_CONFIG, HubConfig, MigrationSet, moduleDatabase, Stores } from '@hub/platform';
import { UtilityArrearsRepository, UtilityModule } from '@hub/source-utility';
import { FeedActivityMonitor } from './feed-activity.monitor';
import { FeedActivityRepository } from './feed-activity.repository';
import { FeedStatusController } from './feed-status.controller';
import { FEED_STATUS_OPTIONS, UTILITY_PERIODS, feedStatusOptions } from './feed-status.options';
import { FeedStatusService } from './feed-status.service';
import { IngestInterruptions } from './ingest-interruptions.usecase';
import { InterruptionConsumer } from './interruption.consumer';
import { InterruptionRepository } from './interruption.repository';

export const FEED_STATUS_MIGRATIONS: readonly MigrationSet[] = [Stores.feedStatus];

/** Feed freshness and planned interruptions (BPR §9, §24.10): notices in, per-source status out. */
@Module({
  // Utility lateness is judged by the newest billing month held (BPR §24.10), not by arrival time.
  imports: [UtilityModule],
  controllers: [InterruptionConsumer, FeedStatusController],
  providers: [
    moduleDatabase(Stores.feedStatus),
    { provide: UTILITY_PERIODS, useExisting: UtilityArrearsRepository },
    { provide: FEED_STATUS_OPTIONS, useFactory: (config: HubConfig) => feedStatusOptions(config), inject: [HUB_CONFIG] },
    InterruptionRepository, IngestInterruptions, FeedActivityRepository, FeedActivityMonitor, FeedStatusService,
  ],
  exports: [FeedStatusService, FeedActivityMonitor, InterruptionRepository],
})
export class FeedStatusModule {}
