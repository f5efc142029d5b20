import { Module } from '@nestjs/common';
import { PerimeterModule } from '@hub/perimeter';
import { MigrationSet, moduleDatabase, Stores } from '@hub/platform';
import { IngestStatisticalEntities } from './ingest-statistical-entities.usecase';
import { StatisticalEntityConsumer } from './statistical-entity.consumer';
import { StatisticalEntityRepository } from './statistical-entity.repository';
import { StatisticsPreliminaryIndexer } from './preliminary/statistics-preliminary.indexer';

export const STATISTICS_MIGRATIONS: readonly MigrationSet[] = [Stores.statistics];

@Module({
  imports: [PerimeterModule],
  controllers: [StatisticalEntityConsumer],
  providers: [moduleDatabase(Stores.statistics), StatisticalEntityRepository, IngestStatisticalEntities, StatisticsPreliminaryIndexer],
  exports: [StatisticalEntityRepository, StatisticsPreliminaryIndexer],
})
export class StatisticsModule {}
