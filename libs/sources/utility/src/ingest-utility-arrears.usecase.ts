import { Injectable } from '@nestjs/common';
import { ArrearsReport, SourcePosition } from './utility-arrears';
import { latestPerRow } from './utility-arrears.rules';
import { UtilityArrearsRepository } from './utility-arrears.repository';

@Injectable()
export class IngestUtilityArrears {
  constructor(private readonly repository: UtilityArrearsRepository) {}

  async execute(items: ReadonlyArray<{ report: ArrearsReport; position: SourcePosition }>): Promise<number> {
    // ON CONFLICT cannot touch one row twice in a statement: dedupe the batch first.
    const changed = await this.repository.upsert(latestPerRow(items));
    return changed;
  }
}
