// Generated from schemas/participants/planned-interruption.v1.avsc by `npm run schemas:types`. Do not edit.

export type InterruptionAffectedSource = 'JUSTICE' | 'TAX' | 'STATISTICS' | 'COURT' | 'UTILITY' | 'OTHER';
export const InterruptionAffectedSourceValues = ['JUSTICE', 'TAX', 'STATISTICS', 'COURT', 'UTILITY', 'OTHER'] as const;

/** A participant's notice of a planned technological interruption of its information system (BPR §9: to be announced at least 36 hours before work starts). Keyed by the participant code. */
export interface ParticipantPlannedInterruption {
  /** The participant's own identifier of this notice; a later notice with the same id (newer eventTime) replaces it. */
  noticeId: string;
  /** Code of the announcing participant (the owner of the information system), e.g. KGD, MOJ, BNS, SUPREME_COURT, ENM; equals the record key. */
  participant: string;
  /** Which feed source of the register the interruption affects. */
  affectedSource: InterruptionAffectedSource;
  /** Logical topic of the affected feed when only one of the source's feeds is affected (e.g. feed.tax.lists.v1); null means all of the source's feeds. */
  affectedFeed: null | string;
  /** Planned start of the interruption (ms since epoch, UTC). */
  plannedStart: number;
  /** Planned end of the interruption (ms since epoch, UTC); after plannedStart. */
  plannedEnd: number;
  /** When the participant announced the interruption to the other participants (ms since epoch, UTC); less than 36 hours before plannedStart is a late notice. */
  announcedAt: number;
  /** True when the participant withdraws a notice it sent before (same noticeId, newer eventTime). */
  cancelled: boolean;
  /** Why the system will be interrupted (maintenance, upgrade, migration...), in plain words. */
  reason: string;
  /** When the participant issued this version of the notice (ms since epoch, UTC); later event time wins, whatever the arrival order. */
  eventTime: number;
}
