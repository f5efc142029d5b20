// Generated from schemas/bpr/preliminary-index.v1.avsc by `npm run schemas:types`. Do not edit.

export type BprSource = 'TAX' | 'JUSTICE' | 'STATISTICS' | 'COURT' | 'UTILITY';
export const BprSourceValues = ['TAX', 'JUSTICE', 'STATISTICS', 'COURT', 'UTILITY'] as const;

export type BprRiskKind = 'CONSCIENTIOUSNESS' | 'FINANCIAL_STABILITY' | 'PAYMENT_DISCIPLINE';
export const BprRiskKindValues = ['CONSCIENTIOUSNESS', 'FINANCIAL_STABILITY', 'PAYMENT_DISCIPLINE'] as const;

export type BprRiskCategory = 'LOW' | 'MEDIUM' | 'HIGH';
export const BprRiskCategoryValues = ['LOW', 'MEDIUM', 'HIGH'] as const;

export type BprFactorBand = 'LOW' | 'MEDIUM' | 'HIGH';
export const BprFactorBandValues = ['LOW', 'MEDIUM', 'HIGH'] as const;

export type BprFactorDirection = 'RAISES_RISK' | 'LOWERS_RISK';
export const BprFactorDirectionValues = ['RAISES_RISK', 'LOWERS_RISK'] as const;

export interface BprRiskFactor {
  /** Stable factor code, e.g. LOW_TAX_BURDEN. */
  code: string;
  /** Signed contribution to the log-odds; positive raises the risk. Null for a factor computed from a confidential input (tax secret): its size is given only as a band, so no input can be recovered from it. */
  contribution: null | number;
  /** The factor in plain words, without any confidential value. */
  explanation: string;
  /** How strongly the factor drove the value, coarsely (|contribution| below 0.3, below 1, from 1). */
  band: null | BprFactorBand;
  /** Whether the factor raises or lowers the risk. */
  direction: null | BprFactorDirection;
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
  /** True when the value rests on confidential inputs (tax secret): riskValue is then coarsened (log-odds in steps of 0.5) and such factors carry a band, not a contribution. */
  confidentialInputs: boolean;
}
