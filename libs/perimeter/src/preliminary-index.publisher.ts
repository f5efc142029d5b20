import { Inject, Injectable } from '@nestjs/common';
import { AlgorithmRegistry } from '@hub/algorithms';
import { AvroPublisher, Topics } from '@hub/platform';
import { BprPreliminaryIndex, PreliminaryIndexer, preliminaryIndexes } from './preliminary-index';

const PUBLISH_CHUNK = 2000;

/**
 * Recomputes a batch of subjects' preliminary indexes with the algorithms in force and publishes
 * them on the preliminary-index topic, keyed by BIN/IIN. The only way a perimeter lets a result out.
 */
@Injectable()
export class PreliminaryIndexPublisher {
  constructor(@Inject(AvroPublisher) private readonly publisher: AvroPublisher, @Inject(AlgorithmRegistry) private readonly registry: AlgorithmRegistry) {}

  /** Returns the records published (already sent when the promise resolves). */
  async recompute(indexer: PreliminaryIndexer, ids: readonly string[], now: Date = new Date()): Promise<BprPreliminaryIndex[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const subjects = await indexer.features(unique, now);
    const records = subjects.flatMap((s) => preliminaryIndexes(this.registry, indexer.source, indexer.kinds, s, now, indexer.confidentialFeatures));
    await this.publish(records);
    return records;
  }

  async publish(records: readonly BprPreliminaryIndex[]): Promise<void> {
    for (let i = 0; i < records.length; i += PUBLISH_CHUNK) {
      await this.publisher.publish(Topics.preliminaryIndexes, records.slice(i, i + PUBLISH_CHUNK).map((r) => ({ key: r.subjectId, value: r })));
    }
  }
}
