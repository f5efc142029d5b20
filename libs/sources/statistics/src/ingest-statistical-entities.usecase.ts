import { Injectable } from '@nestjs/common';
import { SourcePosition, StatisticalEntry } from './statistical-entity';
import { latestPerId } from './statistical-entity.rules';
import { StatisticalEntityRepository } from './statistical-entity.repository';

@Injectable()
export class IngestStatisticalEntities {
  constructor(private readonly repository: StatisticalEntityRepository) {}

  async execute(items: ReadonlyArray<{ entry: StatisticalEntry; position: SourcePosition }>): Promise<number> {
    // ON CONFLICT cannot touch one row twice in a statement: dedupe the batch first.
    const changed = await this.repository.upsert(latestPerId(items));
    return changed;
  }
}
