import { Module } from '@nestjs/common';
import { PerimeterModule } from '@hub/perimeter';
import { Database, MigrationSet, moduleDatabase, Stores } from '@hub/platform';
import { IngestTaxFeeds } from './ingest-tax.usecase';
import { TaxPreliminaryIndexer } from './preliminary/tax-preliminary.indexer';
import { TAX_DATABASE } from './tax-database';
import { PeerSectorConsumer } from './peer-sector.consumer';
import { PeerSectorRepository } from './peer-sector.repository';
import { TaxFeedsConsumer } from './tax-feeds.consumer';
import { TaxFinancialsRepository } from './tax-financials.repository';
import { TaxPublicRepository } from './tax-public.repository';
import { SampleListRepository } from './sample-list.repository';

export const TAX_MIGRATIONS: readonly MigrationSet[] = [Stores.tax];

/**
 * The tax perimeter. It writes through its own login (hub_tax) and publishes only public facts and
 * preliminary indexes (the register builds the profile); the financials repository stays private.
 */
@Module({
  imports: [PerimeterModule],
  // Its feeds, and the public sector facts of bpr.facts.v1 for the sector-relative ratios (issue 13).
  controllers: [TaxFeedsConsumer, PeerSectorConsumer],
  providers: [
    moduleDatabase(Stores.tax),
    // The same hub_tax pool under the name the confidential repositories ask for.
    { provide: TAX_DATABASE, useExisting: Database },
    TaxPublicRepository,
    TaxFinancialsRepository,
    PeerSectorRepository,
    IngestTaxFeeds,
    TaxPreliminaryIndexer,
    // Not exported, like the financials: only the tax perimeter's own tools reach the sample mapping.
    SampleListRepository,
  ],
  exports: [TaxPreliminaryIndexer],
})
export class TaxModule {}
