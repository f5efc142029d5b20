import { EventPattern, Payload } from '@nestjs/microservices';
import { BatchOutcome, FeedBatch, FeedConsumer, FeedRecord, Topics, validateBatch } from '@hub/platform';
import { IngestTaxFeeds } from './ingest-tax.usecase';
import { validateTaxFacts } from './tax-facts.rules';
import { validateTaxFinancials } from './tax-financials.rules';
import { validateTaxListMembership } from './tax-lists.rules';
import { SourcePosition, TaxFactsRecord, TaxFinancialsRecord, TaxListMembershipRecord } from './tax-records';

const position = (r: FeedRecord): SourcePosition => ({ topic: r.topic, partition: r.partition, offset: r.offset });

/** Thin edges: validate each decoded record, hand the valid ones to the use case, return the rest. */
@FeedConsumer()
export class TaxFeedsConsumer {
  constructor(private readonly ingest: IngestTaxFeeds) {}

  @EventPattern(Topics.taxFacts.name)
  async facts(@Payload() batch: FeedBatch<TaxFactsRecord>): Promise<BatchOutcome> {
    const now = new Date();
    const { accepted, rejected } = validateBatch(batch, (value, record) => validateTaxFacts(value, record.key, now));
    await this.ingest.facts(accepted.map(({ command, record }) => ({ facts: command, position: position(record) })));
    return { rejected };
  }

  @EventPattern(Topics.taxLists.name)
  async lists(@Payload() batch: FeedBatch<TaxListMembershipRecord>): Promise<BatchOutcome> {
    const now = new Date();
    const { accepted, rejected } = validateBatch(batch, (value, record) => validateTaxListMembership(value, record.key, now));
    await this.ingest.lists(accepted.map(({ command, record }) => ({ entry: command, position: position(record) })));
    return { rejected };
  }

  @EventPattern(Topics.taxFinancials.name)
  async financials(@Payload() batch: FeedBatch<TaxFinancialsRecord>): Promise<BatchOutcome> {
    const now = new Date();
    const { accepted, rejected } = validateBatch(batch, (value, record) => validateTaxFinancials(value, record.key, now));
    await this.ingest.yearFinancials(accepted.map(({ command, record }) => ({ financials: command, position: position(record) })), now);
    return { rejected };
  }
}
