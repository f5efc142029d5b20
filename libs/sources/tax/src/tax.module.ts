import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { PerimeterModule } from '@hub/perimeter';
import { Database, HUB_CONFIG, HubConfig, MigrationSet } from '@hub/platform';
import { IngestTaxFeeds } from './ingest-tax.usecase';
import { TaxPreliminaryIndexer } from './preliminary/tax-preliminary.indexer';
import { TAX_DATABASE } from './tax-database';
import { TaxFeedsConsumer } from './tax-feeds.consumer';
import { TaxFinancialsRepository } from './tax-financials.repository';
import { TaxProfileSection } from './tax-profile.section';
import { TaxPublicRepository } from './tax-public.repository';
import { SampleListRepository } from './sample-list.repository';

export const TAX_MIGRATIONS: readonly MigrationSet[] = [{ schema: 'src_tax', dir: 'libs/sources/tax/migrations' }];

/**
 * The tax perimeter. It writes through its own login (hub_tax) and exports only the public
 * profile section; the financials repository stays private to this module.
 */
@Module({
  imports: [PerimeterModule],
  controllers: [TaxFeedsConsumer],
  providers: [
    // A small pool: the perimeter writes one statement per batch.
    { provide: TAX_DATABASE, inject: [HUB_CONFIG], useFactory: (config: HubConfig) => new Database(config.TAX_DATABASE_URL, 4) },
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
export class TaxModule implements OnApplicationShutdown {
  constructor(@Inject(TAX_DATABASE) private readonly taxDatabase: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.taxDatabase.close().catch(() => undefined);
  }
}
