import { Module } from '@nestjs/common';
import { PerimeterModule } from '@hub/perimeter';
import { Database, MigrationSet, moduleDatabase, Stores } from '@hub/platform';
import { IngestTaxFeeds } from './ingest-tax.usecase';
import { TaxPreliminaryIndexer } from './preliminary/tax-preliminary.indexer';
import { TAX_DATABASE } from './tax-database';
import { TaxFeedsConsumer } from './tax-feeds.consumer';
import { TaxFinancialsRepository } from './tax-financials.repository';
import { TaxProfileSection } from './tax-profile.section';
import { TaxPublicRepository } from './tax-public.repository';
import { SampleListRepository } from './sample-list.repository';

export const TAX_MIGRATIONS: readonly MigrationSet[] = [Stores.tax];

/**
 * The tax perimeter. It writes through its own login (hub_tax) and exports only the public
 * profile section; the financials repository stays private to this module.
 */
@Module({
  imports: [PerimeterModule],
  controllers: [TaxFeedsConsumer],
  providers: [
    moduleDatabase(Stores.tax),
    // The same hub_tax pool under the name the confidential repositories ask for.
    { provide: TAX_DATABASE, useExisting: Database },
    TaxPublicRepository,
    TaxFinancialsRepository,
    IngestTaxFeeds,
    TaxProfileSection,
    TaxPreliminaryIndexer,
    // Not exported, like the financials: only the tax perimeter's own tools reach the sample mapping.
    SampleListRepository,
  ],
  exports: [TaxProfileSection, TaxPreliminaryIndexer],
})
export class TaxModule {}
