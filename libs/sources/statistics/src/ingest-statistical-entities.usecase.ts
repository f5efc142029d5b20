import { Injectable } from '@nestjs/common';
import { PublicFactsPublisher } from '@hub/perimeter';
import { SourcePosition, StatisticalEntry } from './statistical-entity';
import { statisticsFacts } from './statistical-entity.facts';
import { latestPerId } from './statistical-entity.rules';
import { StatisticalEntityRepository } from './statistical-entity.repository';

@Injectable()
export class IngestStatisticalEntities {
  constructor(
    private readonly repository: StatisticalEntityRepository,
    private readonly facts: PublicFactsPublisher,
  ) {}

  async execute(items: ReadonlyArray<{ entry: StatisticalEntry; position: SourcePosition }>): Promise<number> {
    // ON CONFLICT cannot touch one row twice in a statement: dedupe the batch first.
    const latest = latestPerId(items);
    const changed = await this.repository.upsert(latest);
    // After the store committed, before the offsets are: see PublicFactsPublisher.
    await this.facts.publish(statisticsFacts(latest));
    return changed;
  }
}
