import { EventPattern, Payload } from '@nestjs/microservices';
import type { PublicFact } from '@hub/contracts';
import { BatchOutcome, FeedBatch, FeedConsumer, Topics } from '@hub/platform';
import { SubjectSizeRepository } from './subject-size.repository';
import { subjectSizes } from './subject-size.rules';

/** Thin edge: each party's size band from bpr.facts.v1 (in the hub the register reads the same batches). */
@FeedConsumer()
export class SubjectSizeConsumer {
  constructor(private readonly repository: SubjectSizeRepository) {}

  @EventPattern(Topics.publicFacts.name)
  async handle(@Payload() batch: FeedBatch<PublicFact>): Promise<BatchOutcome> {
    await this.repository.upsert(subjectSizes(batch.records.map((r) => r.value)));
    return { rejected: [] };
  }
}
