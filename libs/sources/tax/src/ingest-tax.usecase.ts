import { Injectable } from '@nestjs/common';
import { financialsWindow } from './tax-financials.rules';
import { TaxFinancialsRepository } from './tax-financials.repository';
import { TaxPublicRepository } from './tax-public.repository';
import { SourcePosition, TaxListEntry, TaxPublicFacts, TaxYearFinancials } from './tax-records';
import { latestBy } from './tax.rules';

const PURGE_EVERY_MS = 60 * 60_000;

@Injectable()
export class IngestTaxFeeds {
  private lastPurge = 0;

  constructor(
    private readonly publicStore: TaxPublicRepository,
    private readonly financials: TaxFinancialsRepository,
  ) {}

  async facts(items: ReadonlyArray<{ facts: TaxPublicFacts; position: SourcePosition }>): Promise<number> {
    const changed = await this.publicStore.upsertFacts(latestBy(items, (i) => i.facts.id, (i) => i.facts.eventTime));
    return changed;
  }

  async lists(items: ReadonlyArray<{ entry: TaxListEntry; position: SourcePosition }>): Promise<number> {
    const changed = await this.publicStore.upsertLists(latestBy(items, (i) => `${i.entry.id}|${i.entry.list}|${i.entry.includedOn}`, (i) => i.entry.eventTime));
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
