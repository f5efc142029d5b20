// Generated from schemas/bpr/preliminary-index.v1.avsc by `npm run schemas:types`. Do not edit.

export type BprSource = 'TAX' | 'JUSTICE' | 'STATISTICS' | 'COURT' | 'UTILITY';
export const BprSourceValues = ['TAX', 'JUSTICE', 'STATISTICS', 'COURT', 'UTILITY'] as const;

export type BprRiskKind = 'CONSCIENTIOUSNESS' | 'FINANCIAL_STABILITY' | 'PAYMENT_DISCIPLINE';
export const BprRiskKindValues = ['CONSCIENTIOUSNESS', 'FINANCIAL_STABILITY', 'PAYMENT_DISCIPLINE'] as const;

export type BprRiskCategory = 'LOW' | 'MEDIUM' | 'HIGH';
export const BprRiskCategoryValues = ['LOW', 'MEDIUM', 'HIGH'] as const;

export interface BprRiskFactor {
  /** Stable factor code, e.g. LOW_TAX_BURDEN. */
  code: string;
  /** Signed contribution to the log-odds; positive raises the risk. */
  contribution: number;
  /** The factor in plain words, without any confidential value. */
  explanation: string;
}

/** A preliminary index computed inside a data owner's perimeter (BPR §14-17, §19): a numeric risk value with a category. Carries no confidential input value, only factor codes and plain-word explanations. Keyed by BIN/IIN. */
export interface BprPreliminaryIndex {
  /** BIN or IIN of the business entity. */
  subjectId: string;
  /** Data owner whose perimeter computed the index. */
  source: BprSource;
  /** Which final index this preliminary index feeds (BPR §11). */
  indexKind: BprRiskKind;
  /** Risk value in [0, 1]; higher means riskier. */
  riskValue: number;
  /** Risk category per BPR §16. */
  category: BprRiskCategory;
  /** Algorithm name, e.g. tax.conscientiousness. */
  algorithm: string;
  /** Version of the algorithm file that produced the value (BPR §25). */
  algorithmVersion: string;
  /** First day of the data window the value is based on. */
  windowFrom: number;
  /** Last day of the data window the value is based on. */
  windowTo: number;
  /** When the perimeter computed the value. */
  computedAt: number;
  /** Factors that drove the value, strongest first. */
  factors: Array<BprRiskFactor>;
}
