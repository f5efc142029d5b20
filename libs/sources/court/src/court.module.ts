import { Module } from '@nestjs/common';
import { PerimeterModule } from '@hub/perimeter';
import { MigrationSet } from '@hub/platform';
import { CivilCaseConsumer } from './civil-case.consumer';
import { CivilCaseRepository } from './civil-case.repository';
import { CourtCasesProfileSection } from './court-cases.profile-section';
import { IngestCivilCases } from './ingest-civil-cases.usecase';
import { CourtPreliminaryIndexer } from './preliminary/court-preliminary.indexer';

export const COURT_MIGRATIONS: readonly MigrationSet[] = [{ schema: 'src_court', dir: 'libs/sources/court/migrations' }];

@Module({
  imports: [PerimeterModule],
  controllers: [CivilCaseConsumer],
  providers: [CivilCaseRepository, IngestCivilCases, CourtCasesProfileSection, CourtPreliminaryIndexer],
  exports: [CivilCaseRepository, CourtCasesProfileSection, CourtPreliminaryIndexer],
})
export class CourtModule {}
