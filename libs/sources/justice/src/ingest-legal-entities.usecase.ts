import { Injectable } from '@nestjs/common';
import { JusticePreliminaryIndexer } from './preliminary/justice-preliminary.indexer';
import { LegalEntity } from './legal-entity';
import { latestPerBin } from './legal-entity.rules';
import { LegalEntityRepository, SourcePosition } from './legal-entity.repository';

@Injectable()
export class IngestLegalEntities {
  constructor(private readonly repository: LegalEntityRepository, private readonly preliminary: JusticePreliminaryIndexer) {}

  async execute(items: ReadonlyArray<{ entity: LegalEntity; position: SourcePosition }>): Promise<number> {
    const changed = await this.repository.upsert(latestPerBin(items));
    this.preliminary.afterIngest(items.map((i) => i.entity.bin));
    return changed;
  }
}
