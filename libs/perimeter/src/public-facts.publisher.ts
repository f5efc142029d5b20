import { Inject, Injectable } from '@nestjs/common';
import type { OutgoingPublicFact, PublicFact } from '@hub/contracts';
import { AvroPublisher, Topics } from '@hub/platform';

const PUBLISH_CHUNK = 2000;

/**
 * Publishes a perimeter's public facts on `bpr.facts.v1`, keyed by BIN/IIN (one subject stays in
 * order on one partition). Called by each ingest use case after its store committed and before the
 * batch returns, so the feed offsets are committed only once the facts are on the broker: a crash
 * in between redelivers the batch, the store ignores it (event-time guard) and the facts are sent
 * again, which the register ignores the same way. Nothing is lost; duplicates change nothing.
 */
@Injectable()
export class PublicFactsPublisher {
  constructor(@Inject(AvroPublisher) private readonly publisher: AvroPublisher) {}

  async publish(facts: readonly OutgoingPublicFact[], storedAt: Date = new Date()): Promise<void> {
    for (let i = 0; i < facts.length; i += PUBLISH_CHUNK) {
      await this.publisher.publish(Topics.publicFacts, facts.slice(i, i + PUBLISH_CHUNK).map((f) => {
        const value: PublicFact = {
          subjectId: f.subjectId, kind: f.kind, itemKey: f.itemKey, eventTime: f.eventTime.getTime(), storedAt: storedAt.getTime(),
          facts: JSON.stringify(f.facts),
        };
        return { key: f.subjectId, value };
      }));
    }
  }
}
