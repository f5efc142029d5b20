import { EventPattern, Payload } from '@nestjs/microservices';
import { BatchOutcome, FeedBatch, FeedConsumer, Topics, validateBatch } from '@hub/platform';
import { CivilCaseRecord } from './civil-case';
import { validateCivilCase } from './civil-case.rules';
import { IngestCivilCases } from './ingest-civil-cases.usecase';

/** Thin edge: validate each decoded record, hand the valid ones to the use case, return the rest. */
@FeedConsumer()
export class CivilCaseConsumer {
  constructor(private readonly ingest: IngestCivilCases) {}

  @EventPattern(Topics.courtCivilCases.name)
  async handle(@Payload() batch: FeedBatch<CivilCaseRecord>): Promise<BatchOutcome> {
    const now = new Date();
    const { accepted, rejected } = validateBatch(batch, (value, record) => validateCivilCase(value, record.key, now));
    await this.ingest.execute(accepted.map(({ command, record }) => ({
      civilCase: command,
      position: { topic: record.topic, partition: record.partition, offset: record.offset },
    })));
    return { rejected };
  }
}
