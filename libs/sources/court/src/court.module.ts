import { Module } from '@nestjs/common';
import { PerimeterModule } from '@hub/perimeter';
import { MigrationSet, moduleDatabase, Stores } from '@hub/platform';
import { CivilCaseConsumer } from './civil-case.consumer';
import { CivilCaseRepository } from './civil-case.repository';
import { IngestCivilCases } from './ingest-civil-cases.usecase';
import { CourtPreliminaryIndexer } from './preliminary/court-preliminary.indexer';
import { SubjectSizeConsumer } from './subject-size.consumer';
import { SubjectSizeRepository } from './subject-size.repository';

export const COURT_MIGRATIONS: readonly MigrationSet[] = [Stores.court];

@Module({
  imports: [PerimeterModule],
  // Its feed, and the parties' public size facts of bpr.facts.v1 for counts per size class (issue 13).
  controllers: [CivilCaseConsumer, SubjectSizeConsumer],
  providers: [moduleDatabase(Stores.court), CivilCaseRepository, SubjectSizeRepository, IngestCivilCases, CourtPreliminaryIndexer],
  exports: [CivilCaseRepository, CourtPreliminaryIndexer],
})
export class CourtModule {}
