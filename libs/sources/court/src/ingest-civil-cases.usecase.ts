import { Injectable } from '@nestjs/common';
import { PublicFactsPublisher } from '@hub/perimeter';
import { CivilCase, SourcePosition } from './civil-case';
import { civilCaseFacts } from './civil-case.facts';
import { latestPerCaseAndParty } from './civil-case.rules';
import { CivilCaseRepository } from './civil-case.repository';

@Injectable()
export class IngestCivilCases {
  constructor(
    private readonly repository: CivilCaseRepository,
    private readonly facts: PublicFactsPublisher,
  ) {}

  async execute(items: ReadonlyArray<{ civilCase: CivilCase; position: SourcePosition }>): Promise<number> {
    // ON CONFLICT cannot touch one row twice in a statement: dedupe the batch first.
    const latest = latestPerCaseAndParty(items);
    const changed = await this.repository.upsert(latest);
    // After the store committed, before the offsets are: see PublicFactsPublisher.
    await this.facts.publish(civilCaseFacts(latest));
    return changed;
  }
}
