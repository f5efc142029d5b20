import { Module } from '@nestjs/common';
import { MigrationSet } from '@hub/platform';
import { IngestStatisticalEntities } from './ingest-statistical-entities.usecase';
import { StatisticalEntityConsumer } from './statistical-entity.consumer';
import { StatisticalEntityRepository } from './statistical-entity.repository';
import { StatisticsProfileSection } from './statistics.profile-section';

export const STATISTICS_MIGRATIONS: readonly MigrationSet[] = [{ schema: 'src_stat', dir: 'libs/sources/statistics/migrations' }];

@Module({
  controllers: [StatisticalEntityConsumer],
  providers: [StatisticalEntityRepository, IngestStatisticalEntities, StatisticsProfileSection],
  exports: [StatisticalEntityRepository, StatisticsProfileSection],
})
export class StatisticsModule {}
