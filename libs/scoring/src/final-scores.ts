import { Algorithm, FactorBand, FactorDirection, RiskCategory, factorBand, factorDirection, score } from '@hub/algorithms';
import { inputOfDerived, withMissingUtilityEvidence } from './missing-evidence';
import { PreliminaryIndex } from './preliminary-index';

/** The four indexes of BPR §11 and the algorithm that computes each. */
export const FINAL_INDEXES = [
  { index: 'TAXPAYER_CONSCIENTIOUSNESS', algorithm: 'final.conscientiousness' },
  { index: 'FINANCIAL_STABILITY', algorithm: 'final.financial-stability' },
  { index: 'PAYMENT_DISCIPLINE', algorithm: 'final.payment-discipline' },
  { index: 'BUSINESS_REPUTATION', algorithm: 'final.business-reputation' },
] as const;
export type FinalIndexName = (typeof FINAL_INDEXES)[number]['index'];

export interface ShownFactor {
  code: string;
  /** Plain words, never a confidential value. */
  explanation: string;
  /**
   * Signed contribution to the log-odds of the index (for a preliminary factor: to its own index).
   * Null when it rests on a confidential input (the tax perimeter's ratios and the index built on
   * them): an exact contribution divided by its weight would give the input back.
   */
  contribution: number | null;
  /** How strongly the factor drove the value: LOW, MEDIUM or HIGH. */
  band: FactorBand;
  direction: FactorDirection;
  /** Set when the factor comes from a preliminary index: the perimeter that computed it. */
  source?: string;
}

export interface FinalIndex {
  index: FinalIndexName;
  value: number;
  category: RiskCategory;
  algorithm: string;
  algorithmVersion: string;
  computedAt: string;
  topFactors: ShownFactor[];
}

/** What an input preliminary index contributes to the answer (no confidential value: it never had one). */
export interface InputSummary {
  source: string;
  indexKind: string;
  riskValue: number;
  category: string;
  algorithm: string;
  algorithmVersion: string;
  computedAt: string;
}

export interface ScoresAnswer {
  subjectId: string;
  computedAt: string;
  indexes: FinalIndex[];
  inputs: InputSummary[];
}

export const TOP_FACTORS = 5;
/** Feature code of a preliminary index: `<SOURCE>_<KIND>`, e.g. TAX_CONSCIENTIOUSNESS. */
export const featureCode = (p: Pick<PreliminaryIndex, 'source' | 'indexKind'>): string => `${p.source}_${p.indexKind}`;

/**
 * Pure: the features of the final algorithms from the inputs known at one moment — the latest
 * preliminary index per (source, kind) (latest computedAt; on a tie the higher algorithm version).
 * The value of a feature is the preliminary risk value; an absent input counts as 0 (no known risk),
 * or as the algorithm feature's `unknown`.
 */
export function latestInputs(inputs: readonly PreliminaryIndex[], at: Date): PreliminaryIndex[] {
  const latest = new Map<string, PreliminaryIndex>();
  for (const p of inputs) {
    if (p.computedAt.getTime() > at.getTime()) continue;
    const k = featureCode(p);
    const seen = latest.get(k);
    if (!seen || p.computedAt.getTime() > seen.computedAt.getTime()
      || (p.computedAt.getTime() === seen.computedAt.getTime() && compareVersions(p.algorithmVersion, seen.algorithmVersion) > 0)) {
      latest.set(k, p);
    }
  }
  return [...latest.values()].sort((a, b) => featureCode(a).localeCompare(featureCode(b)));
}

/** The inputs' values, with the features saying which payment evidence is missing (missing-evidence.ts). */
export function assembleFeatures(latest: readonly PreliminaryIndex[]): Record<string, number> {
  const features: Record<string, number> = {};
  for (const p of latest) features[featureCode(p)] = p.riskValue;
  return withMissingUtilityEvidence(features);
}

export function compareVersions(a: string, b: string): number {
  const [ay, an] = a.split('.').map(Number);
  const [by, bn] = b.split('.').map(Number);
  return ay - by || an - bn;
}

/**
 * Pure: the four final indexes (BPR §11, §18) from the latest inputs and the algorithms in force.
 * Top factors are the final model's strongest contributions, each followed by the driving
 * preliminary index's own strongest factors, so the user reads why in plain words.
 */
export function computeFinalIndexes(
  latest: readonly PreliminaryIndex[],
  algorithms: Readonly<Record<FinalIndexName, Algorithm>>,
  computedAt: Date,
): FinalIndex[] {
  const features = assembleFeatures(latest);
  const byCode = new Map(latest.map((p) => [featureCode(p), p]));
  return FINAL_INDEXES.map(({ index }) => {
    const algorithm = algorithms[index];
    const result = score(algorithm, features, TOP_FACTORS);
    const topFactors: ShownFactor[] = [];
    for (const f of result.factors) {
      if (topFactors.length >= TOP_FACTORS) break;
      // A derived "without a utility report" factor is explained by the input it repeats.
      const input = byCode.get(inputOfDerived(f.code) ?? f.code);
      const confidential = input?.factors.some((x) => x.contribution === null) ?? false;
      topFactors.push({
        code: f.code, explanation: f.explanation, contribution: confidential ? null : f.contribution, band: factorBand(f.contribution), direction: factorDirection(f.contribution),
      });
      // Only a factor that raises the risk is worth explaining further.
      if (!input || f.contribution <= 0) continue;
      // An input read twice (itself and "without a utility report") is explained once.
      const shown = (x: { code: string }) => topFactors.some((t) => t.source === input.source && t.code === x.code);
      for (const pf of input.factors.filter((x) => x.direction === 'RAISES_RISK' && !shown(x)).slice(0, 2)) {
        if (topFactors.length >= TOP_FACTORS) break;
        topFactors.push({ code: pf.code, explanation: pf.explanation, contribution: pf.contribution, band: pf.band, direction: pf.direction, source: input.source });
      }
    }
    return {
      index,
      value: result.riskValue,
      category: result.category,
      algorithm: algorithm.name,
      algorithmVersion: algorithm.version,
      computedAt: computedAt.toISOString(),
      topFactors,
    };
  });
}

export function summarizeInputs(latest: readonly PreliminaryIndex[]): InputSummary[] {
  return latest.map((p) => ({
    source: p.source,
    indexKind: p.indexKind,
    riskValue: p.riskValue,
    category: p.category,
    algorithm: p.algorithm,
    algorithmVersion: p.algorithmVersion,
    computedAt: p.computedAt.toISOString(),
  }));
}
