import { EventPattern, Payload } from '@nestjs/microservices';
import { BatchOutcome, FeedBatch, FeedConsumer, Topics, validateBatch } from '@hub/platform';
import { IngestLegalEntities } from './ingest-legal-entities.usecase';
import { LegalEntityRegistrationRecord } from './legal-entity';
import { validateLegalEntity } from './legal-entity.rules';


/** Thin edge: validate each decoded record, hand the valid ones to the use case, return the rest. */
@FeedConsumer()
export class LegalEntityConsumer {
  constructor(private readonly ingest: IngestLegalEntities) {}

  @EventPattern(Topics.justiceLegalEntities.name)
  async handle(@Payload() batch: FeedBatch<LegalEntityRegistrationRecord>): Promise<BatchOutcome> {
    const now = new Date();
    const { accepted, rejected } = validateBatch(batch, (value, record) => validateLegalEntity(value, record.key, now));
    await this.ingest.execute(accepted.map(({ command, record }) => ({
      entity: command,
      position: { topic: record.topic, partition: record.partition, offset: record.offset },
    })));
    return { rejected };
  }
}
