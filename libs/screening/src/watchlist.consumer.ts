import { EventPattern, Payload } from '@nestjs/microservices';
import { BatchOutcome, FeedBatch, FeedConsumer, Topics, validateBatch } from '@hub/platform';
import { IngestWatchlistEntries } from './ingest-watchlist-entries.usecase';
import { WatchlistEntryRecord } from './watchlist-entry';
import { validateWatchlistEntry } from './watchlist.rules';

/** Thin edge: validate each decoded list entry, hand the valid ones to the use case, return the rest. */
@FeedConsumer()
export class WatchlistConsumer {
  constructor(private readonly ingest: IngestWatchlistEntries) {}

  @EventPattern(Topics.watchlists.name)
  async handle(@Payload() batch: FeedBatch<WatchlistEntryRecord>): Promise<BatchOutcome> {
    const now = new Date();
    const { accepted, rejected } = validateBatch(batch, (value, record) => validateWatchlistEntry(value, record.key, now));
    await this.ingest.execute(accepted.map(({ command, record }) => ({
      entry: command,
      position: { topic: record.topic, partition: record.partition, offset: record.offset },
    })));
    return { rejected };
  }
}
