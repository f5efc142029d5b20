import { Injectable } from '@nestjs/common';
import { PublicFactsPublisher } from '@hub/perimeter';
import { LegalEntity } from './legal-entity';
import { registrationFacts } from './legal-entity.facts';
import { latestPerBin } from './legal-entity.rules';
import { LegalEntityRepository, SourcePosition } from './legal-entity.repository';

@Injectable()
export class IngestLegalEntities {
  constructor(
    private readonly repository: LegalEntityRepository,
    private readonly facts: PublicFactsPublisher,
  ) {}

  async execute(items: ReadonlyArray<{ entity: LegalEntity; position: SourcePosition }>): Promise<number> {
    const latest = latestPerBin(items);
    // Every record adds the re-registration date it shows to the history, not only the latest per BIN.
    const changed = await this.repository.upsert(latest, items.map((i) => i.entity));
    // After the store committed, before the offsets are: see PublicFactsPublisher.
    await this.facts.publish(registrationFacts(latest));
    return changed;
  }
}
