import { AlgorithmRegistry } from '@hub/algorithms';
import { Database, columnLiterals } from '@hub/platform';
import { FINAL_INDEXES, computeFinalIndexes } from './final-scores';
import { PreliminaryIndexRepository } from './preliminary-index.repository';
import { algorithmsAt } from './scoring.service';

export interface RescoreProgress { subjects: number; scored: number; seconds: number; ratePerSecond: number }

const UPSERT = `
  INSERT INTO scoring.final_scores (subject_id, computed_at, input_seq, algorithms, indexes)
  SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::bigint[], $4::text[], $5::jsonb[])
  ON CONFLICT (subject_id) DO UPDATE SET
    computed_at = excluded.computed_at, input_seq = excluded.input_seq, algorithms = excluded.algorithms, indexes = excluded.indexes`;

/**
 * Full re-score: every subject with preliminary indexes, in keyset batches, with the algorithms in
 * force at `at`; the result of each lands in scoring.final_scores. The next batch is read while the
 * previous one is written.
 */
export async function rescoreAll(
  database: Database,
  registry: AlgorithmRegistry,
  options: {
    at?: Date;
    batchSize?: number;
    /** Only subjects in (after, until]: a slice of the id space (default: all). */
    after?: string;
    until?: string;
    onProgress?: (p: RescoreProgress) => void;
  } = {},
): Promise<RescoreProgress> {
  const at = options.at ?? new Date();
  const batchSize = options.batchSize ?? 5000;
  const repository = new PreliminaryIndexRepository(database);
  const algorithms = algorithmsAt(registry, at);
  const versions = FINAL_INDEXES.map(({ index }) => `${algorithms[index].name}@${algorithms[index].version}`).join(',');
  const started = process.hrtime.bigint();
  const progress: RescoreProgress = { subjects: 0, scored: 0, seconds: 0, ratePerSecond: 0 };
  const read = async (after: string) => {
    const ids = await repository.nextSubjects(after, batchSize, options.until);
    return { ids, inputs: await repository.inputsOfMany(ids, at) };
  };
  let next = read(options.after ?? '');
  let writing: Promise<unknown> = Promise.resolve();
  for (;;) {
    const { ids, inputs } = await next;
    if (ids.length === 0) break;
    next = read(ids[ids.length - 1]);
    const iso = at.toISOString();
    const rows = inputs.map((s) => {
      const indexes = computeFinalIndexes(s.latest, algorithms, at).map((i) => ({
        index: i.index, value: i.value, category: i.category, algorithmVersion: i.algorithmVersion, topFactors: i.topFactors.map((f) => f.code),
      }));
      return [s.subjectId, iso, s.seq, versions, JSON.stringify(indexes)];
    });
    await writing;
    writing = database.pool.query(UPSERT, columnLiterals(rows, 5));
    progress.subjects += ids.length;
    progress.scored += inputs.length;
    progress.seconds = Number(process.hrtime.bigint() - started) / 1e9;
    progress.ratePerSecond = progress.scored / progress.seconds;
    options.onProgress?.({ ...progress });
  }
  await writing;
  progress.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  progress.ratePerSecond = progress.scored / Math.max(progress.seconds, 1e-9);
  return progress;
}
