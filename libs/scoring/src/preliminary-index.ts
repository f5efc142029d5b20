import type { BprPreliminaryIndex, BprRiskCategory, BprRiskKind, BprSource } from '@hub/contracts';

export type { BprPreliminaryIndex, BprRiskCategory, BprRiskKind, BprSource };

export interface PreliminaryFactor { code: string; contribution: number; explanation: string }

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
