import { z } from 'zod';

/** Every feature a hit can carry; its weight comes from the versioned config. */
export const FEATURE_NAMES = [
  'name_literal_match', 'name_transliteration_match', 'name_jaro_winkler', 'name_fingerprint_levenshtein', 'weak_alias_match', 'identifier_match',
  'dob_match', 'dob_year_disjoint', 'dob_day_disjoint', 'country_mismatch',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/**
 * Screening thresholds and weights as data: a reviewable JSON file per version
 * (libs/screening/config/<version>.json). Modelled on OpenSanctions logic-v1 (NDIP-NOTES §3):
 * score = the best main feature (score × weight), plus the qualifiers, clamped to [0, 1].
 */
export const screeningConfigSchema = z.object({
  name: z.literal('screening'),
  version: z.string().regex(/^\d{4}\.\d+$/, 'YEAR.N, e.g. 2026.1'),
  effectiveFrom: z.string().datetime(),
  description: z.string().min(1),
  /** A hit is reported when its score is at least this (yente: 0.70). */
  threshold: z.number().min(0).max(1),
  /** How many candidates the index hands to full scoring per query name. */
  candidates: z.number().int().min(1).max(10_000),
  weights: z.object(Object.fromEntries(FEATURE_NAMES.map((f) => [f, z.number().min(-1).max(1)])) as Record<FeatureName, z.ZodNumber>),
  names: z.object({
    /** Factor per query token that pairs with no listed token (nm_extra_query_name in logic-v2). */
    extraQueryTokenFactor: z.number().min(0).max(1),
    /** Factor per listed token the query does not name (e.g. an omitted patronymic). */
    extraResultTokenFactor: z.number().min(0).max(1),
    /** The same for an organisation's name, where every word distinguishes it. */
    organisationExtraTokenFactor: z.number().min(0).max(1),
    /** A token pair counts only within this many edits and this share of the shorter token. */
    maxTokenEdits: z.number().int().min(0),
    maxTokenEditRatio: z.number().min(0).max(1),
    /** Legal-form words dropped from organisation names before comparing (skeleton spelling). */
    organisationTypes: z.array(z.string().min(1)),
  }),
});

export type ScreeningConfig = z.infer<typeof screeningConfigSchema>;

export class ScreeningConfigError extends Error {}

/** Validates parsed JSON as a screening config; throws with every problem named. */
export function parseScreeningConfig(json: unknown, source = 'config'): ScreeningConfig {
  const parsed = screeningConfigSchema.safeParse(json);
  if (!parsed.success) throw new ScreeningConfigError(`${source}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The newest version in force at `at` among the given ones. */
export function configInForce(configs: readonly ScreeningConfig[], at: Date): ScreeningConfig {
  const inForce = configs.filter((c) => Date.parse(c.effectiveFrom) <= at.getTime()).sort((a, b) => Date.parse(a.effectiveFrom) - Date.parse(b.effectiveFrom));
  const found = inForce[inForce.length - 1];
  if (!found) throw new ScreeningConfigError(`no screening config in force at ${at.toISOString()}`);
  return found;
}
