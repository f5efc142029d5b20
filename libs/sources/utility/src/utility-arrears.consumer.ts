import { EventPattern, Payload } from '@nestjs/microservices';
import { BatchOutcome, FeedBatch, FeedConsumer, Topics, validateBatch } from '@hub/platform';
import { IngestUtilityArrears } from './ingest-utility-arrears.usecase';
import { UtilityArrearsRecord } from './utility-arrears';
import { validateUtilityArrears } from './utility-arrears.rules';

/** Thin edge: validate each decoded record, hand the valid ones to the use case, return the rest. */
@FeedConsumer()
export class UtilityArrearsConsumer {
  constructor(private readonly ingest: IngestUtilityArrears) {}

  @EventPattern(Topics.utilityArrears.name)
  async handle(@Payload() batch: FeedBatch<UtilityArrearsRecord>): Promise<BatchOutcome> {
    const now = new Date();
    const { accepted, rejected } = validateBatch(batch, (value, record) => validateUtilityArrears(value, record.key, now));
    await this.ingest.execute(accepted.map(({ command, record }) => ({
      report: command,
      position: { topic: record.topic, partition: record.partition, offset: record.offset },
    })));
    return { rejected };
  }
}
