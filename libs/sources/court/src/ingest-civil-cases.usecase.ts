import { Injectable } from '@nestjs/common';
import { CivilCase, SourcePosition } from './civil-case';
import { latestPerCaseAndParty } from './civil-case.rules';
import { CivilCaseRepository } from './civil-case.repository';

@Injectable()
export class IngestCivilCases {
  constructor(private readonly repository: CivilCaseRepository) {}

  async execute(items: ReadonlyArray<{ civilCase: CivilCase; position: SourcePosition }>): Promise<number> {
    // ON CONFLICT cannot touch one row twice in a statement: dedupe the batch first.
    const changed = await this.repository.upsert(latestPerCaseAndParty(items));
    return changed;
  }
}
