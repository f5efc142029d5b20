import type { FactorBand, FactorDirection } from '@hub/algorithms';
import type { BprPreliminaryIndex, BprRiskCategory, BprRiskKind, BprSource } from '@hub/contracts';

export type { BprPreliminaryIndex, BprRiskCategory, BprRiskKind, BprSource };

/** A factor as the perimeter let it out: no contribution when it rests on a confidential input, a band always. */
export interface PreliminaryFactor { code: string; contribution: number | null; explanation: string; band: FactorBand; direction: FactorDirection }

/** A validated preliminary index, as stored and as read back for scoring. */
export interface PreliminaryIndex {
  subjectId: string;
  source: BprSource;
  indexKind: BprRiskKind;
  riskValue: number;
  category: BprRiskCategory;
  algorithm: string;
  algorithmVersion: string;
  /** ISO dates (YYYY-MM-DD). */
  windowFrom: string;
  windowTo: string;
  computedAt: Date;
  factors: PreliminaryFactor[];
}

export interface SourcePosition { topic: string; partition: number; offset: string }
