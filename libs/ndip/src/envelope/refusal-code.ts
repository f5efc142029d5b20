import { EdsFailure } from '@hub/eds';

/**
 * Why a signed message was refused: every EDS checklist failure (EDS-NOTES items 1-9) plus the
 * exchange's own rules. A refusal is itself signed and names the failed check.
 */
export enum ExchangeRefusal {
  SENDER_NOT_ALLOWED = 'SENDER_NOT_ALLOWED',
  UNSIGNED = 'UNSIGNED',
  ENVELOPE_MISMATCH = 'ENVELOPE_MISMATCH',
  STALE_MESSAGE = 'STALE_MESSAGE',
  REPLAY = 'REPLAY',
  BAD_REQUEST = 'BAD_REQUEST',
  UNKNOWN_SERVICE = 'UNKNOWN_SERVICE',
}

export type RefusalCode = ExchangeRefusal | EdsFailure;

export interface Refusal {
  code: RefusalCode;
  reason: string;
}
