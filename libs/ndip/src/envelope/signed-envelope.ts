/** The Avro envelope of schemas/ndip/signed-envelope.v1.avsc: routing fields plus the signed XML. */
export interface SignedEnvelope {
  messageId: string;
  correlationId: string | null;
  type: string;
  /** ms since epoch (Avro timestamp-millis) */
  issuedAt: number;
  senderBin: string;
  document: string;
}

export type EnvelopeCheck = { ok: true; envelope: SignedEnvelope } | { ok: false; code: EnvelopeDefect; reason: string };

/** Why an envelope cannot even be looked at: these go to the dead-letter topic, like a bad feed record. */
export enum EnvelopeDefect {
  ENVELOPE_FIELD = 'ENVELOPE_FIELD',
  ENVELOPE_TYPE = 'ENVELOPE_TYPE',
  ENVELOPE_TOO_LARGE = 'ENVELOPE_TOO_LARGE',
}

export const MAX_DOCUMENT_CHARS = 1_000_000;

/** Pure: the envelope's own shape (not its signature). */
export function checkEnvelope(value: SignedEnvelope, expectedTypes: readonly string[]): EnvelopeCheck {
  if (!value.messageId || value.messageId.length > 200) return { ok: false, code: EnvelopeDefect.ENVELOPE_FIELD, reason: 'messageId must be 1-200 characters' };
  if (!/^\d{12}$/.test(value.senderBin)) return { ok: false, code: EnvelopeDefect.ENVELOPE_FIELD, reason: 'senderBin must be a 12-digit BIN' };
  if (!expectedTypes.includes(value.type)) return { ok: false, code: EnvelopeDefect.ENVELOPE_TYPE, reason: `type ${JSON.stringify(value.type)} is not one of ${expectedTypes.join(', ')} on this topic` };
  if (!value.document) return { ok: false, code: EnvelopeDefect.ENVELOPE_FIELD, reason: 'document is empty' };
  if (value.document.length > MAX_DOCUMENT_CHARS) return { ok: false, code: EnvelopeDefect.ENVELOPE_TOO_LARGE, reason: `document longer than ${MAX_DOCUMENT_CHARS} characters` };
  if (!Number.isFinite(value.issuedAt)) return { ok: false, code: EnvelopeDefect.ENVELOPE_FIELD, reason: 'issuedAt is not a time' };
  return { ok: true, envelope: value };
}
