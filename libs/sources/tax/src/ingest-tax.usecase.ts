import { Injectable } from '@nestjs/common';
import { PublicFactsPublisher } from '@hub/perimeter';
import { financialsWindow } from './tax-financials.rules';
import { TaxFinancialsRepository } from './tax-financials.repository';
import { TaxPublicRepository } from './tax-public.repository';
import { SourcePosition, TaxListEntry, TaxPublicFacts, TaxYearFinancials } from './tax-records';
import { taxFacts, taxListFacts } from './tax.facts';
import { latestBy } from './tax.rules';

const PURGE_EVERY_MS = 60 * 60_000;

@Injectable()
export class IngestTaxFeeds {
  private lastPurge = 0;

  constructor(
    private readonly publicStore: TaxPublicRepository,
    private readonly financials: TaxFinancialsRepository,
    private readonly publicFacts: PublicFactsPublisher,
  ) {}

  async facts(items: ReadonlyArray<{ facts: TaxPublicFacts; position: SourcePosition }>): Promise<number> {
    const latest = latestBy(items, (i) => i.facts.id, (i) => i.facts.eventTime);
    const changed = await this.publicStore.upsertFacts(latest);
    // After the store committed, before the offsets are: see PublicFactsPublisher. Financials never publish.
    await this.publicFacts.publish(taxFacts(latest));
    return changed;
  }

  async lists(items: ReadonlyArray<{ entry: TaxListEntry; position: SourcePosition }>): Promise<number> {
    const latest = latestBy(items, (i) => `${i.entry.id}|${i.entry.list}|${i.entry.includedOn}`, (i) => i.entry.eventTime);
    const changed = await this.publicStore.upsertLists(latest);
    await this.publicFacts.publish(taxListFacts(latest));
    return changed;
  }

  async yearFinancials(items: ReadonlyArray<{ financials: TaxYearFinancials; position: SourcePosition }>, now: Date): Promise<number> {
    const changed = await this.financials.upsert(latestBy(items, (i) => `${i.financials.id}|${i.financials.fiscalYear}`, (i) => i.financials.eventTime));
    // Years leave the window when the calendar turns, not when a record arrives: sweep now and then.
    if (now.getTime() - this.lastPurge > PURGE_EVERY_MS) {
      this.lastPurge = now.getTime();
      await this.financials.purgeBefore(financialsWindow(now).oldest);
    }
    return changed;
  }
}
