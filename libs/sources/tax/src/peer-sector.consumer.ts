import { EventPattern, Payload } from '@nestjs/microservices';
import type { PublicFact } from '@hub/contracts';
import { BatchOutcome, FeedBatch, FeedConsumer, Topics } from '@hub/platform';
import { PeerSectorRepository } from './peer-sector.repository';
import { peerSectors } from './peer-sector.rules';

/**
 * Thin edge: the sector of each subject from bpr.facts.v1 (ARCHITECTURE: a domain reads another
 * through a topic). In the hub the register reads the same batches (KafkaBatchServer fans out).
 */
@FeedConsumer()
export class PeerSectorConsumer {
  constructor(private readonly repository: PeerSectorRepository) {}

  @EventPattern(Topics.publicFacts.name)
  async handle(@Payload() batch: FeedBatch<PublicFact>): Promise<BatchOutcome> {
    await this.repository.upsert(peerSectors(batch.records.map((r) => r.value)));
    return { rejected: [] };
  }
}
