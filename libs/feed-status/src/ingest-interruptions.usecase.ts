import { Injectable } from '@nestjs/common';
import { InterruptionRepository, SourcePosition } from './interruption.repository';
import { InterruptionNotice, latestPerNotice } from './interruption.rules';

@Injectable()
export class IngestInterruptions {
  constructor(private readonly repository: InterruptionRepository) {}

  knownParticipants(): Promise<Set<string>> {
    return this.repository.knownParticipants();
  }

  async execute(items: ReadonlyArray<{ notice: InterruptionNotice; position: SourcePosition }>): Promise<number> {
    return this.repository.upsert(latestPerNotice(items));
  }
}
