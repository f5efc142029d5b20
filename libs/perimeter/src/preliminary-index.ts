import type { BprPreliminaryIndex, BprRiskKind, BprSource } from '@hub/contracts';
import { AlgorithmRegistry, coarseRisk, factorBand, factorDirection, score } from '@hub/algorithms';

export type { BprPreliminaryIndex, BprRiskKind, BprSource };

const DAY_MS = 86_400_000;

/** Named numeric features of one subject, computed inside a perimeter from its own data. */
export type Features = Readonly<Record<string, number>>;

/** The data window a value rests on, as epoch days (the Avro `date` encoding). */
export interface IndexWindow { from: number; to: number }

export const epochDay = (at: Date | number): number => Math.floor((typeof at === 'number' ? at : at.getTime()) / DAY_MS);

/** `tax` + CONSCIENTIOUSNESS → `tax.conscientiousness`; FINANCIAL_STABILITY → `financial-stability`. */
export const algorithmName = (source: BprSource, kind: BprRiskKind): string =>
  `${source === 'STATISTICS' ? 'statistics' : source.toLowerCase()}.${kind.toLowerCase().replace(/_/g, '-')}`;

/**
 * One subject's computation result: the features and window the indexes rest on. Null features
 * mean "the perimeter holds nothing on this subject": no index is published for it.
 */
export interface SubjectFeatures { subjectId: string; features: Features; window: IndexWindow }

/**
 * A source's side of the perimeter: what it can inform, and how to read features for a batch of
 * ids from its own store. Everything confidential stays behind this interface.
 */
export interface PreliminaryIndexer {
  readonly source: BprSource;
  readonly kinds: readonly BprRiskKind[];
  /** Features for every id the source holds data on (ids it knows nothing about are omitted). */
  features(ids: readonly string[], now: Date): Promise<SubjectFeatures[]>;
  /** Ids the source holds, in ascending order, after `after` (keyset pagination); a page may be short, only an empty one ends. */
  ids(after: string | null, limit: number): Promise<string[]>;
  /**
   * Features computed from confidential inputs (tax secret). Their factors leave with a band and no
   * contribution, and an index resting on any of them is coarsened (libs/algorithms disclosure).
   */
  readonly confidentialFeatures?: ReadonlySet<string>;
}

/** Contributions leave the perimeter rounded: enough to explain, too coarse to recover an input. */
const round = (x: number, places: number): number => Math.round(x * 10 ** places) / 10 ** places;

/**
 * Pure: applies the algorithm in force at `now` for each kind to one subject's features. The
 * record carries only the value, category, version, window and factor codes with plain words.
 */
export function preliminaryIndexes(
  registry: AlgorithmRegistry, source: BprSource, kinds: readonly BprRiskKind[], subject: SubjectFeatures, now: Date,
  confidentialFeatures: ReadonlySet<string> = new Set(),
): BprPreliminaryIndex[] {
  return kinds.map((indexKind) => {
    const algorithm = registry.inForce(algorithmName(source, indexKind), now);
    const s = score(algorithm, subject.features);
    const confidential = s.factors.some((f) => confidentialFeatures.has(f.code));
    return {
      subjectId: subject.subjectId,
      source,
      indexKind,
      riskValue: confidential ? coarseRisk(s.riskValue) : round(s.riskValue, 6),
      category: s.category,
      algorithm: algorithm.name,
      algorithmVersion: algorithm.version,
      windowFrom: subject.window.from,
      windowTo: subject.window.to,
      computedAt: now.getTime(),
      factors: s.factors.map((f) => ({
        code: f.code,
        contribution: confidentialFeatures.has(f.code) ? null : round(f.contribution, 2),
        explanation: f.explanation,
        band: factorBand(f.contribution),
        direction: factorDirection(f.contribution),
      })),
      confidentialInputs: confidential,
    };
  });
}
