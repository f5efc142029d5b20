import { Module } from '@nestjs/common';
import { PerimeterModule } from '@hub/perimeter';
import { MigrationSet } from '@hub/platform';
import { IngestLegalEntities } from './ingest-legal-entities.usecase';
import { LegalEntityConsumer } from './legal-entity.consumer';
import { LegalEntityRepository } from './legal-entity.repository';
import { RegistrationProfileSection } from './registration.profile-section';
import { JusticePreliminaryIndexer } from './preliminary/justice-preliminary.indexer';

export const JUSTICE_MIGRATIONS: MigrationSet = { schema: 'src_justice', dir: 'libs/sources/justice/migrations' };

@Module({
  imports: [PerimeterModule],
  controllers: [LegalEntityConsumer],
  providers: [LegalEntityRepository, IngestLegalEntities, RegistrationProfileSection, JusticePreliminaryIndexer],
  exports: [LegalEntityRepository, RegistrationProfileSection, JusticePreliminaryIndexer],
})
export class JusticeModule {}
