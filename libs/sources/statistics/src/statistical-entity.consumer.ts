import { EventPattern, Payload } from '@nestjs/microservices';
import { BatchOutcome, FeedBatch, FeedConsumer, Topics, validateBatch } from '@hub/platform';
import { IngestStatisticalEntities } from './ingest-statistical-entities.usecase';
import { StatisticalEntityRecord } from './statistical-entity';
import { validateStatisticalEntity } from './statistical-entity.rules';

/** Thin edge: validate each decoded record, hand the valid ones to the use case, return the rest. */
@FeedConsumer()
export class StatisticalEntityConsumer {
  constructor(private readonly ingest: IngestStatisticalEntities) {}

  @EventPattern(Topics.statisticsEntities.name)
  async handle(@Payload() batch: FeedBatch<StatisticalEntityRecord>): Promise<BatchOutcome> {
    const now = new Date();
    const { accepted, rejected } = validateBatch(batch, (value, record) => validateStatisticalEntity(value, record.key, now));
    await this.ingest.execute(accepted.map(({ command, record }) => ({
      entry: command,
      position: { topic: record.topic, partition: record.partition, offset: record.offset },
    })));
    return { rejected };
  }
}
