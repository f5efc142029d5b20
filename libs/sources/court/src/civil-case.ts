import type {
  CivilCaseAct as CivilCaseRecord, CourtActType, CourtCaseCategory, CourtCaseOutcome, CourtInstance, CourtPartyRole, CourtProceedingKind,
} from '@hub/contracts';

/** The Avro record as avsc decodes it (dates as epoch days, timestamps as epoch ms). */
export type { CivilCaseRecord, CourtActType, CourtCaseCategory, CourtCaseOutcome, CourtInstance, CourtPartyRole, CourtProceedingKind };

/** A validated judicial act for one party, ready to store. */
export interface CivilCase {
  partyId: string;
  caseNumber: string;
  partyRole: CourtPartyRole;
  instance: CourtInstance;
  region: string;
  regionKato: string | null;
  court: string;
  proceedingKind: CourtProceedingKind;
  caseCategory: CourtCaseCategory | null;
  /** ISO date (YYYY-MM-DD). */
  caseRegisteredOn: string | null;
  /** ISO date (YYYY-MM-DD). */
  actDate: string;
  actType: CourtActType;
  actText: string;
  outcome: CourtCaseOutcome | null;
  claimAmountTiyn: number | null;
  eventTime: Date;
}

export interface SourcePosition { topic: string; partition: number; offset: string }
