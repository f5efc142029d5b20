import { EventPattern, Payload } from '@nestjs/microservices';
import { BatchOutcome, FeedBatch, FeedConsumer, Topics, validateBatch } from '@hub/platform';
import { BprPreliminaryIndex } from './preliminary-index';
import { validatePreliminaryIndex } from './preliminary-index.rules';
import { PreliminaryIndexRepository } from './preliminary-index.repository';
import { ScoringService } from './scoring.service';

/** Thin edge: validate each preliminary index, append the valid ones, drop cached answers they make stale. */
@FeedConsumer()
export class PreliminaryIndexConsumer {
  constructor(private readonly repository: PreliminaryIndexRepository, private readonly scoring: ScoringService) {}

  @EventPattern(Topics.preliminaryIndexes.name)
  async handle(@Payload() batch: FeedBatch<BprPreliminaryIndex>): Promise<BatchOutcome> {
    const now = new Date();
    const { accepted, rejected } = validateBatch(batch, (value, record) => validatePreliminaryIndex(value, record.key, now));
    const changed = await this.repository.append(accepted.map(({ command, record }) => ({
      index: command,
      position: { topic: record.topic, partition: record.partition, offset: record.offset },
    })));
    this.scoring.invalidate(changed);
    return { rejected };
  }
}
