import { Injectable } from '@nestjs/common';
import { CourtPreliminaryIndexer } from './preliminary/court-preliminary.indexer';
import { CivilCase, SourcePosition } from './civil-case';
import { latestPerCaseAndParty } from './civil-case.rules';
import { CivilCaseRepository } from './civil-case.repository';

@Injectable()
export class IngestCivilCases {
  constructor(private readonly repository: CivilCaseRepository, private readonly preliminary: CourtPreliminaryIndexer) {}

  async execute(items: ReadonlyArray<{ civilCase: CivilCase; position: SourcePosition }>): Promise<number> {
    // ON CONFLICT cannot touch one row twice in a statement: dedupe the batch first.
    const changed = await this.repository.upsert(latestPerCaseAndParty(items));
    this.preliminary.afterIngest(items.map((i) => i.civilCase.partyId));
    return changed;
  }
}
