import { Module } from '@nestjs/common';
import { PerimeterModule } from '@hub/perimeter';
import { MigrationSet } from '@hub/platform';
import { IngestStatisticalEntities } from './ingest-statistical-entities.usecase';
import { StatisticalEntityConsumer } from './statistical-entity.consumer';
import { StatisticalEntityRepository } from './statistical-entity.repository';
import { StatisticsProfileSection } from './statistics.profile-section';
import { StatisticsPreliminaryIndexer } from './preliminary/statistics-preliminary.indexer';

export const STATISTICS_MIGRATIONS: readonly MigrationSet[] = [{ schema: 'src_stat', dir: 'libs/sources/statistics/migrations' }];

@Module({
  imports: [PerimeterModule],
  controllers: [StatisticalEntityConsumer],
  providers: [StatisticalEntityRepository, IngestStatisticalEntities, StatisticsProfileSection, StatisticsPreliminaryIndexer],
  exports: [StatisticalEntityRepository, StatisticsProfileSection, StatisticsPreliminaryIndexer],
})
export class StatisticsModule {}
