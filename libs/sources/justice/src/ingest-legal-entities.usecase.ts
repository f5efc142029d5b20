import { Injectable } from '@nestjs/common';
import { LegalEntity } from './legal-entity';
import { latestPerBin } from './legal-entity.rules';
import { LegalEntityRepository, SourcePosition } from './legal-entity.repository';

@Injectable()
export class IngestLegalEntities {
  constructor(private readonly repository: LegalEntityRepository) {}

  async execute(items: ReadonlyArray<{ entity: LegalEntity; position: SourcePosition }>): Promise<number> {
    const changed = await this.repository.upsert(latestPerBin(items));
    return changed;
  }
}
