import { z } from 'zod';

/**
 * An algorithm is data: a reviewable, diffable JSON file under algorithms/<name>/<version>.json.
 * A logistic model over named features: riskValue = sigmoid(intercept + Σ weight·feature).
 */
export const algorithmSchema = z.object({
  name: z.string().regex(/^[a-z0-9]+(\.[a-z0-9-]+)+$/, 'dotted lowercase, e.g. tax.conscientiousness'),
  version: z.string().regex(/^\d{4}\.\d+$/, 'YEAR.N, e.g. 2026.1'),
  /** From this instant the version is in force; as-of queries pick the newest one in force then. */
  effectiveFrom: z.string().datetime(),
  description: z.string().min(1),
  model: z.object({
    type: z.literal('logistic'),
    intercept: z.number(),
    features: z.array(z.object({
      code: z.string().regex(/^[A-Z0-9_]+$/),
      weight: z.number(),
      /** Plain words shown to users when this factor drives the value. */
      explanation: z.string().min(1),
      /**
       * The value counted when the feature is not known at all (issue 13: a register that does not
       * cover the subject, e.g. no financial statements): the calibration sample's mean, so an
       * unknown reads as typical, neither good nor bad. Absent: an unknown feature counts as 0.
       */
      unknown: z.number().optional(),
    })).min(1),
  }),
  /** Cut-offs on riskValue: >= high is HIGH, >= medium is MEDIUM, else LOW (BPR §16). */
  categories: z.object({ medium: z.number().min(0).max(1), high: z.number().min(0).max(1) })
    .refine((c) => c.medium < c.high, 'medium cut-off must be below high'),
  /** How the version was obtained and how it performed (calibration output). */
  evaluation: z.record(z.unknown()).optional(),
});

export type Algorithm = z.infer<typeof algorithmSchema>;
export type RiskCategory = 'LOW' | 'MEDIUM' | 'HIGH';

export interface Factor { code: string; contribution: number; explanation: string }
export interface RiskScore { riskValue: number; category: RiskCategory; factors: Factor[] }

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function categorize(riskValue: number, cutoffs: Algorithm['categories']): RiskCategory {
  if (riskValue >= cutoffs.high) return 'HIGH';
  if (riskValue >= cutoffs.medium) return 'MEDIUM';
  return 'LOW';
}

/**
 * Pure: applies an algorithm to feature values (a missing feature counts as its `unknown` value, or
 * 0). Factors are the non-zero contributions of known features, strongest first, so "why" is always
 * the model's own arithmetic; an unknown one is not a reason (its words describe a known value).
 */
export function score(algorithm: Algorithm, features: Readonly<Record<string, number>>, topFactors = 5): RiskScore {
  let logit = algorithm.model.intercept;
  const factors: Factor[] = [];
  for (const f of algorithm.model.features) {
    const known = features[f.code] !== undefined;
    const contribution = f.weight * (known ? features[f.code] : f.unknown ?? 0);
    logit += contribution;
    if (contribution !== 0 && known) factors.push({ code: f.code, contribution, explanation: f.explanation });
  }
  factors.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const riskValue = sigmoid(logit);
  return { riskValue, category: categorize(riskValue, algorithm.categories), factors: factors.slice(0, topFactors) };
}
