import { PreliminaryIndexer } from './preliminary-index';
import { PreliminaryIndexPublisher } from './preliminary-index.publisher';

export interface RecomputeProgress { subjects: number; indexes: number; elapsedMs: number }

/**
 * Recomputes and publishes every subject one source holds, page by page (used when a new
 * algorithm version is rolled out). Reports progress after each page.
 */
export async function recomputeAll(
  indexer: PreliminaryIndexer, publisher: PreliminaryIndexPublisher,
  options: { now?: Date; batchSize?: number; onProgress?: (p: RecomputeProgress) => void } = {},
): Promise<RecomputeProgress> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 1000;
  const started = Date.now();
  const progress: RecomputeProgress = { subjects: 0, indexes: 0, elapsedMs: 0 };
  let after: string | null = null;
  for (;;) {
    const ids = await indexer.ids(after, batchSize);
    if (ids.length === 0) break;
    const records = await publisher.recompute(indexer, ids, now);
    progress.subjects += ids.length;
    progress.indexes += records.length;
    progress.elapsedMs = Date.now() - started;
    options.onProgress?.({ ...progress });
    after = ids[ids.length - 1];
  }
  progress.elapsedMs = Date.now() - started;
  return progress;
}
