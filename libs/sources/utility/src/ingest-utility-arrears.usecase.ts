import { Injectable } from '@nestjs/common';
import { PublicFactsPublisher } from '@hub/perimeter';
import { ArrearsReport, SourcePosition } from './utility-arrears';
import { arrearsFacts } from './utility-arrears.facts';
import { latestPerRow } from './utility-arrears.rules';
import { UtilityArrearsRepository } from './utility-arrears.repository';

@Injectable()
export class IngestUtilityArrears {
  constructor(
    private readonly repository: UtilityArrearsRepository,
    private readonly facts: PublicFactsPublisher,
  ) {}

  async execute(items: ReadonlyArray<{ report: ArrearsReport; position: SourcePosition }>): Promise<number> {
    // ON CONFLICT cannot touch one row twice in a statement: dedupe the batch first.
    const latest = latestPerRow(items);
    const changed = await this.repository.upsert(latest);
    // After the store committed, before the offsets are: see PublicFactsPublisher.
    await this.facts.publish(arrearsFacts(latest));
    return changed;
  }
}
