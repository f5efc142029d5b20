import { Module } from '@nestjs/common';
import { PerimeterModule } from '@hub/perimeter';
import { MigrationSet, moduleDatabase, Stores } from '@hub/platform';
import { CivilCaseConsumer } from './civil-case.consumer';
import { CivilCaseRepository } from './civil-case.repository';
import { IngestCivilCases } from './ingest-civil-cases.usecase';
import { CourtPreliminaryIndexer } from './preliminary/court-preliminary.indexer';

export const COURT_MIGRATIONS: readonly MigrationSet[] = [Stores.court];

@Module({
  imports: [PerimeterModule],
  controllers: [CivilCaseConsumer],
  providers: [moduleDatabase(Stores.court), CivilCaseRepository, IngestCivilCases, CourtPreliminaryIndexer],
  exports: [CivilCaseRepository, CourtPreliminaryIndexer],
})
export class CourtModule {}
