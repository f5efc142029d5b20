/**
 * Issue 13 ("registers that do not cover every firm"): the natural monopolies report only
 * non-payment (BPR §24.10), so a firm they never reported on is either one that always paid or one
 * they do not supply or do not report on. Its payment risk must then rest on the payment evidence
 * that is known (tax debt against turnover, debt cases in court, the statistics bureau's view):
 * the final layer gets an indicator that no utility report exists and, for every other input, the
 * same value again "without a utility report", so a calibrated version can let that evidence weigh
 * more where the utility evidence is missing (the weight of the missing input redistributed) instead
 * of reading the silence as a clean record or as a default.
 */
export const UTILITY_SOURCE = 'UTILITY';
export const NO_UTILITY_REPORT = 'NO_UTILITY_REPORT';
export const WITHOUT_UTILITY_SUFFIX = '_WITHOUT_UTILITY_REPORT';
/**
 * The other payment evidence (the brief's list: tax debt against turnover, debt cases per size class,
 * proceedings): the tax authority's and the courts' indexes. Both are known for every taxpayer (the
 * courts' absent index means no case), so "without a utility report" is never itself unknown.
 */
export const OTHER_PAYMENT_EVIDENCE = ['TAX_', 'COURT_'] as const;

/** The input a derived "without a utility report" feature repeats, or null for any other code. */
export function inputOfDerived(code: string): string | null {
  return code.endsWith(WITHOUT_UTILITY_SUFFIX) ? code.slice(0, -WITHOUT_UTILITY_SUFFIX.length) : null;
}

/**
 * Pure: the features with the missing-utility-evidence features added. `features` holds one value
 * per input (`<SOURCE>_<KIND>`); the utility evidence is missing when no UTILITY input is among them
 * (the utility perimeter indexes only customers a monopoly reported on). Where it is present, the
 * derived features are absent, read as 0 by the final models: the utility index speaks instead.
 */
export function withMissingUtilityEvidence(features: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = { ...features };
  if (Object.keys(features).some((code) => code.startsWith(`${UTILITY_SOURCE}_`))) return out;
  out[NO_UTILITY_REPORT] = 1;
  for (const [code, value] of Object.entries(features)) {
    if (OTHER_PAYMENT_EVIDENCE.some((prefix) => code.startsWith(prefix)) && inputOfDerived(code) === null) out[`${code}${WITHOUT_UTILITY_SUFFIX}`] = value;
  }
  return out;
}

/** Plain words for the derived features, built from the words of the input they repeat. */
export function missingEvidenceExplanation(code: string, inputExplanation?: string): string | null {
  if (code === NO_UTILITY_REPORT) {
    return 'No utility provider has reported on this firm\'s bills, so its payment record with them is unknown and other payment evidence counts instead';
  }
  const input = inputOfDerived(code);
  if (input === null) return null;
  const words = inputExplanation ?? `The ${input.toLowerCase().replace(/_/g, ' ')} preliminary index shows a raised risk`;
  return `${words.replace(/\.$/, '')}; with no utility provider reporting on the firm's bills, this evidence counts for more`;
}
