import { Module } from '@nestjs/common';
import { Database, MigrationSet, Stores, moduleDatabase } from '@hub/platform';
import { ScoringModule } from '@hub/scoring';
import { EntitiesController } from './entities.controller';
import { IngestPublicFacts } from './ingest-public-facts.usecase';
import { LegacyEntityRoutesController } from './legacy-routes.controller';
import { PublicFactConsumer } from './public-fact.consumer';
import { REGISTER_DATABASE } from './register-database';
import { RegisterReader } from './register-reader';
import { RegisterRepository } from './register.repository';
import { SearchKeyRefresh } from './search/search-key-refresh';
import { SearchKeyStateRepository } from './search/search-key-state.repository';
import { SearchController } from './search/search.controller';
import { SearchService } from './search/search.service';

export const REGISTER_MIGRATIONS: readonly MigrationSet[] = [Stores.register];

/**
 * The register: its own read model, fed only by bpr.facts.v1, written and read through its own
 * login (hub_register). It imports no source module; other domains read it through RegisterReader.
 */
@Module({
  // The free card (BPR §37) carries the conscientiousness index, computed on request by scoring.
  imports: [ScoringModule],
  controllers: [PublicFactConsumer, EntitiesController, SearchController, LegacyEntityRoutesController],
  providers: [
    // The pool of the register's role (Stores.register): its own schema, no grant on any src_* schema.
    moduleDatabase(Stores.register),
    { provide: REGISTER_DATABASE, useExisting: Database },
    RegisterRepository,
    IngestPublicFacts,
    RegisterReader,
    SearchService,
    // Stored search keys brought to this build's folds (search-key.ts, SEARCH_KEY_VERSION).
    SearchKeyStateRepository,
    SearchKeyRefresh,
  ],
  exports: [RegisterReader, SearchService],
})
export class RegisterModule {}
