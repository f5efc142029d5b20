import { Module } from '@nestjs/common';
import { MigrationSet } from '@hub/platform';
import { IngestLegalEntities } from './ingest-legal-entities.usecase';
import { LegalEntityConsumer } from './legal-entity.consumer';
import { LegalEntityRepository } from './legal-entity.repository';
import { RegistrationProfileSection } from './registration.profile-section';

export const JUSTICE_MIGRATIONS: MigrationSet = { schema: 'src_justice', dir: 'libs/sources/justice/migrations' };

@Module({
  controllers: [LegalEntityConsumer],
  providers: [LegalEntityRepository, IngestLegalEntities, RegistrationProfileSection],
  exports: [LegalEntityRepository, RegistrationProfileSection],
})
export class JusticeModule {}
