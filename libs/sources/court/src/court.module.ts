import { Module } from '@nestjs/common';
import { MigrationSet } from '@hub/platform';
import { CivilCaseConsumer } from './civil-case.consumer';
import { CivilCaseRepository } from './civil-case.repository';
import { CourtCasesProfileSection } from './court-cases.profile-section';
import { IngestCivilCases } from './ingest-civil-cases.usecase';

export const COURT_MIGRATIONS: readonly MigrationSet[] = [{ schema: 'src_court', dir: 'libs/sources/court/migrations' }];

@Module({
  controllers: [CivilCaseConsumer],
  providers: [CivilCaseRepository, IngestCivilCases, CourtCasesProfileSection],
  exports: [CivilCaseRepository, CourtCasesProfileSection],
})
export class CourtModule {}
