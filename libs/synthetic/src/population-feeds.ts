import { Random, seededRandom } from '@hub/identity';
import type { FeedGenerator, SyntheticEntity } from './population';
import { hashText, mixSeed } from './population-generator';
import { covered, worldOf } from './world';

export interface GeneratedRecord { topic: string; key: string; value: unknown }

/**
 * Each (entity, feed) pair gets its own random stream, so adding a feed or changing the batch size
 * never changes what another feed says about the same entity.
 */
export function feedRandom(seed: number, entity: SyntheticEntity, topic: string): Random {
  return seededRandom(mixSeed(seed, entity.index ?? hashText(entity.id), hashText(topic)));
}

/** Every record the given feeds publish for one entity, tagged with the logical topic. */
export function entityFeedRecords(
  entity: SyntheticEntity,
  generators: ReadonlyArray<FeedGenerator<unknown>>,
  seed: number,
  now: Date,
): GeneratedRecord[] {
  const out: GeneratedRecord[] = [];
  for (const generator of generators) {
    // Issue 13: a register that does not cover every firm simply says nothing about some of them.
    if (!covered(entity, generator.topic)) continue;
    for (const r of generator.records(entity, feedRandom(seed, entity, generator.topic), now)) {
      out.push({ topic: generator.topic, key: r.key, value: r.value });
    }
  }
  return out;
}

/** The hidden truth for one entity, as the outcomes file stores it (one JSON object per line). */
export function outcomeLine(entity: SyntheticEntity): string {
  // Sector and size class let the evaluation report AUC per segment (issue 13 item 3).
  return JSON.stringify({
    id: entity.id, kind: entity.kind, outcomes: entity.outcomes, risk: entity.risk,
    world: worldOf(entity).name, sector: entity.okedPrimary.slice(0, 2), sizeClass: entity.sizeClass,
  });
}
