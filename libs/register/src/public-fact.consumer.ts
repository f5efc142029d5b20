import { EventPattern, Payload } from '@nestjs/microservices';
import type { PublicFact } from '@hub/contracts';
import { BatchOutcome, FeedBatch, FeedConsumer, Topics, validateBatch } from '@hub/platform';
import { IngestPublicFacts } from './ingest-public-facts.usecase';
import { validatePublicFact } from './public-fact.rules';

/** Thin edge: the register's only input is what the perimeters published on bpr.facts.v1. */
@FeedConsumer()
export class PublicFactConsumer {
  constructor(private readonly ingest: IngestPublicFacts) {}

  @EventPattern(Topics.publicFacts.name)
  async handle(@Payload() batch: FeedBatch<PublicFact>): Promise<BatchOutcome> {
    const now = new Date();
    const { accepted, rejected } = validateBatch(batch, (value, record) => validatePublicFact(value, record.key, now));
    await this.ingest.execute(accepted.map(({ command }) => command));
    return { rejected };
  }
}
