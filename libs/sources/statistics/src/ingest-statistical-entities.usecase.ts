import { Injectable } from '@nestjs/common';
import { StatisticsPreliminaryIndexer } from './preliminary/statistics-preliminary.indexer';
import { SourcePosition, StatisticalEntry } from './statistical-entity';
import { latestPerId } from './statistical-entity.rules';
import { StatisticalEntityRepository } from './statistical-entity.repository';

@Injectable()
export class IngestStatisticalEntities {
  constructor(private readonly repository: StatisticalEntityRepository, private readonly preliminary: StatisticsPreliminaryIndexer) {}

  async execute(items: ReadonlyArray<{ entry: StatisticalEntry; position: SourcePosition }>): Promise<number> {
    // ON CONFLICT cannot touch one row twice in a statement: dedupe the batch first.
    const changed = await this.repository.upsert(latestPerId(items));
    this.preliminary.afterIngest(items.map((i) => i.entry.id));
    return changed;
  }
}
