import { Module } from '@nestjs/common';
import { MigrationSet, moduleDatabase, Stores } from '@hub/platform';
import { IngestWatchlistEntries } from './ingest-watchlist-entries.usecase';
import { WatchlistConsumer } from './watchlist.consumer';
import { WatchlistRepository } from './watchlist.repository';
import { WatchlistScreening } from './watchlist-screening.service';

export const SCREENING_MIGRATIONS: readonly MigrationSet[] = [Stores.screening];

/** Watchlists in (feed.watchlists.v1), screening out: the KYC use case injects WatchlistScreening. */
@Module({
  controllers: [WatchlistConsumer],
  providers: [
    moduleDatabase(Stores.screening),
    WatchlistRepository,
    IngestWatchlistEntries,
    { provide: WatchlistScreening, inject: [WatchlistRepository], useFactory: (r: WatchlistRepository) => new WatchlistScreening(r) },
  ],
  exports: [WatchlistScreening, WatchlistRepository],
})
export class ScreeningModule {}
