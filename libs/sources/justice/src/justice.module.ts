import { Module } from '@nestjs/common';
import { PerimeterModule } from '@hub/perimeter';
import { MigrationSet, moduleDatabase, Stores } from '@hub/platform';
import { IngestLegalEntities } from './ingest-legal-entities.usecase';
import { KeyStoredAddresses } from './key-stored-addresses';
import { LegalEntityConsumer } from './legal-entity.consumer';
import { LegalEntityRepository } from './legal-entity.repository';
import { JusticePreliminaryIndexer } from './preliminary/justice-preliminary.indexer';

export const JUSTICE_MIGRATIONS: MigrationSet = Stores.justice;

@Module({
  imports: [PerimeterModule],
  controllers: [LegalEntityConsumer],
  providers: [moduleDatabase(Stores.justice), LegalEntityRepository, IngestLegalEntities, JusticePreliminaryIndexer, KeyStoredAddresses],
  exports: [LegalEntityRepository, JusticePreliminaryIndexer],
})
export class JusticeModule {}
