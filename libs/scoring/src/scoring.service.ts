import { Inject, Injectable } from '@nestjs/common';
import { Algorithm, AlgorithmError, AlgorithmRegistry } from '@hub/algorithms';
import { Database, GroupCommit, columnLiterals, named, statement, unnestParams, type Column } from '@hub/platform';
import { FINAL_INDEXES, FinalIndex, FinalIndexName, InputSummary, ScoresAnswer, computeFinalIndexes, summarizeInputs } from './final-scores';
import { PreliminaryIndexRepository } from './preliminary-index.repository';

export const SCORING_ALGORITHMS = Symbol('SCORING_ALGORITHMS');
export const SCORING_CACHE_SIZE = 100_000;

export type ScoresResult =
  | { ok: true; answer: ScoresAnswer; cacheHit: boolean }
  | { ok: false; code: 'NOTHING_KNOWN' | 'NO_ALGORITHM_IN_FORCE'; message: string };

const SHOWN_COLUMNS: readonly Column[] = [['subject_id', 'text'], ['shown_at', 'timestamptz'], ['as_of', 'timestamptz'], ['cache_hit', 'bool'], ['answer', 'jsonb']];
const INSERT_SHOWN = named('scoring.score_checks.insert', `INSERT INTO scoring.score_checks (${SHOWN_COLUMNS.map(([n]) => n).join(', ')}) SELECT * FROM unnest(${unnestParams(SHOWN_COLUMNS)})`);

interface CacheEntry { key: string; indexes: Array<Omit<FinalIndex, 'computedAt'>>; inputs: InputSummary[] }

/** The algorithms of the four final indexes in force at a moment. */
export function algorithmsAt(registry: AlgorithmRegistry, at: Date): Record<FinalIndexName, Algorithm> {
  const out = {} as Record<FinalIndexName, Algorithm>;
  for (const { index, algorithm } of FINAL_INDEXES) out[index] = registry.inForce(algorithm, at);
  return out;
}
const versionsKey = (algorithms: Record<FinalIndexName, Algorithm>): string =>
  FINAL_INDEXES.map(({ index }) => `${algorithms[index].name}@${algorithms[index].version}`).join(',');

/**
 * Final scoring on request (BPR §13, §18). An answer "now" is computed from what is known now and
 * cached until an input or an algorithm version changes; an answer "as of" a past moment uses only
 * the inputs known then and the algorithm versions in force then, so it reproduces what was shown.
 * Every answer shown is recorded in scoring.score_checks.
 */
@Injectable()
export class ScoringService {
  /** Observable cache behaviour (tests, metrics). */
  readonly stats = { hits: 0, misses: 0 };
  private readonly cache = new Map<string, CacheEntry>();
  /**
   * An answer is returned only once its record is committed (BPR §13: every answer shown is
   * recorded); answers given at the same time share a statement and a commit flush instead of one
   * autocommitted INSERT (and one WAL flush) each, which under a portal's load cost more than the answer.
   */
  private readonly shownLog: GroupCommit<unknown[]>;

  constructor(
    private readonly repository: PreliminaryIndexRepository,
    private readonly database: Database,
    @Inject(SCORING_ALGORITHMS) private readonly registry: AlgorithmRegistry,
  ) {
    this.shownLog = new GroupCommit(database, async (q, rows) => { await q.query(statement(INSERT_SHOWN, columnLiterals(rows, SHOWN_COLUMNS.length))); }, { singleStatement: true });
  }

  async scores(subjectId: string, asOf: Date | null, now: Date = new Date()): Promise<ScoresResult> {
    const at = asOf ?? now;
    let algorithms: Record<FinalIndexName, Algorithm>;
    try {
      algorithms = algorithmsAt(this.registry, at);
    } catch (error) {
      if (error instanceof AlgorithmError) return { ok: false, code: 'NO_ALGORITHM_IN_FORCE', message: error.message };
      throw error;
    }
    let entry: CacheEntry | undefined;
    let cacheHit = false;
    if (asOf === null) {
      const seq = await this.repository.seqAt(subjectId, at);
      if (seq === null) return this.nothingKnown();
      const key = `${seq}|${versionsKey(algorithms)}`;
      const cached = this.cache.get(subjectId);
      if (cached?.key === key) {
        entry = cached;
        cacheHit = true;
        this.stats.hits++;
      }
    }
    if (!entry) {
      const { latest, seq } = await this.repository.inputsAt(subjectId, at);
      if (seq === null) return this.nothingKnown();
      const indexes = computeFinalIndexes(latest, algorithms, at).map(({ computedAt: _, ...rest }) => rest);
      entry = { key: `${seq}|${versionsKey(algorithms)}`, indexes, inputs: summarizeInputs(latest) };
      if (asOf === null) {
        this.stats.misses++;
        this.remember(subjectId, entry);
      }
    }
    const computedAt = at.toISOString();
    const answer: ScoresAnswer = {
      subjectId,
      computedAt,
      indexes: entry.indexes.map((i) => ({ ...i, computedAt })),
      inputs: entry.inputs,
    };
    await this.shownLog.submit([subjectId, now, asOf, cacheHit, JSON.stringify(answer)]);
    return { ok: true, answer, cacheHit };
  }

  /** New inputs arrived for these subjects: their cached answers are stale. */
  invalidate(subjectIds: readonly string[]): void {
    for (const id of subjectIds) this.cache.delete(id);
  }

  /** Answers shown for a subject, oldest first (the check log). */
  async shown(subjectId: string): Promise<Array<{ shownAt: Date; asOf: Date | null; cacheHit: boolean; answer: ScoresAnswer }>> {
    const rows = await this.database.query<{ shown_at: Date; as_of: Date | null; cache_hit: boolean; answer: ScoresAnswer }>(
      'SELECT shown_at, as_of, cache_hit, answer FROM scoring.score_checks WHERE subject_id = $1 ORDER BY id',
      [subjectId],
    );
    return rows.map((r) => ({ shownAt: r.shown_at, asOf: r.as_of, cacheHit: r.cache_hit, answer: r.answer }));
  }

  private remember(subjectId: string, entry: CacheEntry): void {
    this.cache.delete(subjectId);
    this.cache.set(subjectId, entry);
    // Map keeps insertion order: the first key is the least recently computed.
    if (this.cache.size > SCORING_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
  }

  private nothingKnown(): ScoresResult {
    return { ok: false, code: 'NOTHING_KNOWN', message: 'no preliminary index for this BIN/IIN has reached the scoring service yet' };
  }
}
