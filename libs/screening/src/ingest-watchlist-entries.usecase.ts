import { Injectable } from '@nestjs/common';
import { SourcePosition, WatchlistEntry } from './watchlist-entry';
import { latestPerEntry } from './watchlist.rules';
import { WatchlistRepository } from './watchlist.repository';
import { WatchlistScreening } from './watchlist-screening.service';

@Injectable()
export class IngestWatchlistEntries {
  constructor(private readonly repository: WatchlistRepository, private readonly screening: WatchlistScreening) {}

  async execute(items: ReadonlyArray<{ entry: WatchlistEntry; position: SourcePosition }>): Promise<number> {
    // ON CONFLICT cannot touch one row twice in a statement: dedupe the batch first.
    const latest = latestPerEntry(items);
    const changed = await this.repository.upsert(latest);
    // This instance sees the change at once; other instances pick it up from the table (see WatchlistScreening).
    this.screening.apply(latest.map((i) => i.entry));
    return changed;
  }
}
