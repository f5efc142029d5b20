import type { ParticipantPlannedInterruption } from '@hub/contracts';
import { Validation, latestByKey } from '@hub/platform';
import { FeedSource } from './freshness.rules';

export enum InterruptionRejection {
  NOTICE_ID_MISSING = 'NOTICE_ID_MISSING',
  PARTICIPANT_MISSING = 'PARTICIPANT_MISSING',
  KEY_MISMATCH = 'KEY_MISMATCH',
  UNKNOWN_PARTICIPANT = 'UNKNOWN_PARTICIPANT',
  PERIOD_ORDER = 'PERIOD_ORDER',
  DATE_IN_FUTURE = 'DATE_IN_FUTURE',
  REASON_MISSING = 'REASON_MISSING',
}

/**
 * BPR §9: "...technological interruptions in the operation of information systems, which the
 * participant who is planning a technological interruption in the operation of information
 * systems shall inform other participants of at least 36 hours before work starts."
 */
export const MIN_NOTICE_MS = 36 * 60 * 60 * 1000;
const CLOCK_SKEW_MS = 5 * 60_000;

export interface InterruptionNotice {
  participant: string;
  noticeId: string;
  source: FeedSource | 'other';
  feed: string | null;
  plannedStart: Date;
  plannedEnd: Date;
  /** What the sender declares; kept and shown, but it does not decide lateness (a sender could backdate it). */
  announcedAt: Date;
  /** When the notice reached the exchange: the broker's append time (the topic uses LogAppendTime). */
  receivedAt: Date;
  cancelled: boolean;
  reason: string;
  /** Arrived less than 36 hours before the planned start (BPR §9): recorded, but flagged. */
  lateNotice: boolean;
  eventTime: Date;
}

/** Exactly 36 hours ahead is in time ("at least 36 hours"); one millisecond less is late. */
export const isLateNotice = (plannedStart: number, informedAt: number): boolean => plannedStart - informedAt < MIN_NOTICE_MS;

const reject = (code: InterruptionRejection, reason: string): Validation<never> => ({ ok: false, code, reason });

/**
 * Pure: every rule a notice must pass; `knownParticipants` is the register of exchange participants.
 * BPR §9 asks that participants be *informed* 36 hours ahead: they are informed when the notice
 * arrives, so `receivedAt` (the broker's timestamp, or `now` without one) decides, not the
 * sender's own `announcedAt`.
 */
export function validateInterruption(
  record: ParticipantPlannedInterruption,
  key: string | null,
  knownParticipants: ReadonlySet<string>,
  now: Date,
  receivedAt: Date = now,
): Validation<InterruptionNotice> {
  if (!record.noticeId.trim()) return reject(InterruptionRejection.NOTICE_ID_MISSING, 'noticeId is required');
  if (!record.participant.trim()) return reject(InterruptionRejection.PARTICIPANT_MISSING, 'participant is required');
  if (key !== null && key !== record.participant) return reject(InterruptionRejection.KEY_MISMATCH, 'record key must be the participant code in the value');
  if (!knownParticipants.has(record.participant)) {
    return reject(InterruptionRejection.UNKNOWN_PARTICIPANT, `participant ${record.participant} is not a registered participant of the information exchange`);
  }
  if (record.plannedEnd <= record.plannedStart) return reject(InterruptionRejection.PERIOD_ORDER, 'plannedEnd must be after plannedStart');
  const latest = now.getTime() + CLOCK_SKEW_MS;
  if (record.announcedAt > latest) return reject(InterruptionRejection.DATE_IN_FUTURE, 'announcedAt is in the future');
  if (record.eventTime > latest) return reject(InterruptionRejection.DATE_IN_FUTURE, 'eventTime is in the future');
  if (!record.reason.trim()) return reject(InterruptionRejection.REASON_MISSING, 'reason is required');
  return {
    ok: true,
    value: {
      participant: record.participant,
      noticeId: record.noticeId,
      source: record.affectedSource === 'OTHER' ? 'other' : (record.affectedSource.toLowerCase() as FeedSource),
      feed: record.affectedFeed,
      plannedStart: new Date(record.plannedStart),
      plannedEnd: new Date(record.plannedEnd),
      announcedAt: new Date(record.announcedAt),
      receivedAt,
      cancelled: record.cancelled,
      reason: record.reason,
      lateNotice: isLateNotice(record.plannedStart, receivedAt.getTime()),
      eventTime: new Date(record.eventTime),
    },
  };
}

/** Within one batch the same notice may come twice; keep the latest version by event time. */
export function latestPerNotice<T extends { notice: InterruptionNotice }>(items: readonly T[]): T[] {
  return latestByKey(items, (i) => `${i.notice.participant}\u0000${i.notice.noticeId}`, (i) => i.notice.eventTime);
}
