// Narrow ports for the signed envelopes (NDIP §24): the EDS verifier and signer are built in
// libs/ndip; until they are wired, the dev seal below stands in (see its warning).
import { createHash } from 'node:crypto';

/** The Avro value of schemas/ndip/signed-envelope.v1.avsc. */
export interface SignedEnvelope {
  messageId: string;
  correlationId: string | null;
  type: string;
  /** ms since epoch (Avro timestamp-millis decodes to a Date). */
  issuedAt: number | Date;
  senderBin: string;
  document: string;
}

export type Verified = { ok: true; document: string; signer: string } | { ok: false; code: string; reason: string };

export interface InboundEnvelopeVerifier {
  verify(envelope: SignedEnvelope): Promise<Verified>;
}

export interface StatusEventSigner {
  /** Signs the document and returns the envelope to publish. */
  sign(document: string, meta: { messageId: string; type: string; issuedAt: Date }): Promise<SignedEnvelope>;
}

export interface MessageLogEntry {
  direction: 'IN' | 'OUT';
  messageId: string;
  type: string;
  outcome: 'ACCEPTED' | 'REFUSED' | 'SENT';
  code?: string;
  reason?: string;
  envelope: SignedEnvelope;
}

/** Port for @hub/message-log (the tamper-evident log being built on main). */
export interface MessageLogPort {
  append(entries: readonly MessageLogEntry[]): Promise<void>;
}

export const INBOUND_ENVELOPE_VERIFIER = Symbol('INBOUND_ENVELOPE_VERIFIER');
export const STATUS_EVENT_SIGNER = Symbol('STATUS_EVENT_SIGNER');
export const PROJECTS_MESSAGE_LOG = Symbol('PROJECTS_MESSAGE_LOG');

export enum SealFailure {
  SEAL_MISSING = 'SEAL_MISSING',
  SEAL_MISMATCH = 'SEAL_MISMATCH',
}

const SEAL = /<!--seal:([0-9a-f]{64})-->$/;
const seal = (document: string, senderBin: string, messageId: string): string => createHash('sha256').update(`${senderBin}\u0000${messageId}\u0000${document}`).digest('hex');

/**
 * DEV ONLY — NOT AN EDS SIGNATURE. A SHA-256 seal over sender, message id and document, appended as a
 * trailing comment: it detects a modified document (so "a tampered event is refused" can be proven
 * end to end) but proves nobody's identity. Replace with libs/ndip's XMLDSig verifier/signer.
 */
export class DevSealVerifier implements InboundEnvelopeVerifier {
  async verify(envelope: SignedEnvelope): Promise<Verified> {
    const m = SEAL.exec(envelope.document);
    if (!m) return { ok: false, code: SealFailure.SEAL_MISSING, reason: 'the document carries no seal' };
    const document = envelope.document.slice(0, m.index);
    if (seal(document, envelope.senderBin, envelope.messageId) !== m[1]) return { ok: false, code: SealFailure.SEAL_MISMATCH, reason: 'the document, sender or message id was changed after sealing' };
    return { ok: true, document, signer: envelope.senderBin };
  }
}

/** DEV ONLY counterpart of DevSealVerifier (see its warning). */
export class DevSealSigner implements StatusEventSigner {
  constructor(private readonly senderBin: string) {}

  async sign(document: string, meta: { messageId: string; type: string; issuedAt: Date }): Promise<SignedEnvelope> {
    return sealEnvelope(document, { ...meta, senderBin: this.senderBin });
  }
}

export function sealEnvelope(document: string, meta: { messageId: string; type: string; issuedAt: Date; senderBin: string; correlationId?: string | null }): SignedEnvelope {
  return {
    messageId: meta.messageId, correlationId: meta.correlationId ?? null, type: meta.type, issuedAt: meta.issuedAt, senderBin: meta.senderBin,
    document: `${document}<!--seal:${seal(document, meta.senderBin, meta.messageId)}-->`,
  };
}

/** Logs nothing durable: stands in until @hub/message-log is on main (the refusal still goes to the dead-letter topic). */
export class LoggerMessageLog implements MessageLogPort {
  constructor(private readonly write: (entry: Omit<MessageLogEntry, 'envelope'>) => void) {}

  async append(entries: readonly MessageLogEntry[]): Promise<void> {
    for (const { envelope: _envelope, ...rest } of entries) this.write(rest);
  }
}
