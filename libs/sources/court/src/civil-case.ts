import type {
  CivilCaseAct as CivilCaseRecord, CourtActType, CourtCaseFacts, CourtCaseCategory, CourtCaseOutcome, CourtInstance, CourtPartyRole, CourtProceedingKind,
} from '@hub/contracts';

/** The Avro record as avsc decodes it (dates as epoch days, timestamps as epoch ms). */
export type { CivilCaseRecord, CourtActType, CourtCaseCategory, CourtCaseOutcome, CourtInstance, CourtPartyRole, CourtProceedingKind };

/**
 * A validated judicial act for one party, ready to store: the public court-case facts it becomes
 * on `bpr.facts.v1` (one shape, so the two cannot drift), with the full text instead of the
 * excerpt, plus the party and the event time. Dates are ISO (YYYY-MM-DD).
 */
export interface CivilCase extends Omit<CourtCaseFacts, 'actTextExcerpt' | 'actTextLength'> {
  partyId: string;
  actText: string;
  eventTime: Date;
}

export interface SourcePosition { topic: string; partition: number; offset: string }
