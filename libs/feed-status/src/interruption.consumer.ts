import { EventPattern, Payload } from '@nestjs/microservices';
import type { ParticipantPlannedInterruption } from '@hub/contracts';
import { BatchOutcome, FeedBatch, FeedConsumer, Topics, validateBatch } from '@hub/platform';
import { IngestInterruptions } from './ingest-interruptions.usecase';
import { validateInterruption } from './interruption.rules';

/** The broker's timestamp of the record (LogAppendTime on this topic); the hub's clock if there is none. */
function arrival(timestamp: string, now: Date): Date {
  const ms = Number(timestamp);
  return Number.isFinite(ms) && ms > 0 ? new Date(Math.min(ms, now.getTime())) : now;
}

/** Thin edge: validate each notice against the participant register, store the valid ones, return the rest. */
@FeedConsumer()
export class InterruptionConsumer {
  constructor(private readonly ingest: IngestInterruptions) {}

  @EventPattern(Topics.participantInterruptions.name)
  async handle(@Payload() batch: FeedBatch<ParticipantPlannedInterruption>): Promise<BatchOutcome> {
    const now = new Date();
    const participants = await this.ingest.knownParticipants();
    const { accepted, rejected } = validateBatch(batch, (value, record) => validateInterruption(value, record.key, participants, now, arrival(record.timestamp, now)));
    await this.ingest.execute(accepted.map(({ command, record }) => ({
      notice: command,
      position: { topic: record.topic, partition: record.partition, offset: record.offset },
    })));
    return { rejected };
  }
}
