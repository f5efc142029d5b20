import { Module } from '@nestjs/common';
import { PerimeterModule } from '@hub/perimeter';
import { MigrationSet, moduleDatabase, Stores } from '@hub/platform';
import { IngestUtilityArrears } from './ingest-utility-arrears.usecase';
import { UtilityArrearsConsumer } from './utility-arrears.consumer';
import { UtilityArrearsRepository } from './utility-arrears.repository';
import { UtilityPreliminaryIndexer } from './preliminary/utility-preliminary.indexer';

export const UTILITY_MIGRATIONS: readonly MigrationSet[] = [Stores.utility];

@Module({
  imports: [PerimeterModule],
  controllers: [UtilityArrearsConsumer],
  providers: [moduleDatabase(Stores.utility), UtilityArrearsRepository, IngestUtilityArrears, UtilityPreliminaryIndexer],
  exports: [UtilityArrearsRepository, UtilityPreliminaryIndexer],
})
export class UtilityModule {}
