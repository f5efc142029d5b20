// Narrow ports for the signed envelopes (NDIP §24), and their adapters over @hub/ndip and @hub/eds.
import type { Element } from '@xmldom/xmldom';
import { XmlDocumentSigner, XmlDocumentVerifier, XmlElement } from '@hub/eds';
import { EnvelopePolicy, EnvelopeVerifier, ReplayGuard, SignedEnvelope, SignedMessageLog } from '@hub/ndip';
import { FACT_DOCUMENT_TYPE } from './project-document';

export type { SignedEnvelope, SignedMessageLog };

export type Verified = { ok: true; root: Element; signerBin: string | null } | { ok: false; code: string; reason: string };

export interface InboundEnvelopeVerifier {
  /** `receivedAt` is when the broker appended the record: the freshness window is measured from it. */
  verify(envelope: SignedEnvelope, receivedAt: Date): Promise<Verified>;
}

export interface StatusEventSigner {
  readonly senderBin: string;
  sign(root: XmlElement, meta: { messageId: string; type: string; issuedAt: Date }): Promise<SignedEnvelope>;
}

export const INBOUND_ENVELOPE_VERIFIER = Symbol('INBOUND_ENVELOPE_VERIFIER');
export const STATUS_EVENT_SIGNER = Symbol('STATUS_EVENT_SIGNER');
export const PROJECTS_MESSAGE_LOG = Symbol('PROJECTS_MESSAGE_LOG');

/**
 * The hub's verifier of NDIP's signed envelopes (@hub/ndip EnvelopeVerifier: full EDS checklist,
 * allowed senders, the signed document repeating the envelope, a time window), with two choices
 * for a replayable Kafka topic:
 * - the window is measured from the broker's append time, not from the hub's clock: a message
 *   captured and re-sent later gets a new append time and is refused as stale, yet replaying the
 *   topic from the start verifies each record exactly as the first time;
 * - no replay store: the same (sender, message id) is applied once by projects.applied_fact (the
 *   fact id is the message id), so a redelivery after a crash is a no-op instead of a REPLAY refusal
 *   that would lose the fact.
 */
export class EdsEnvelopeVerifier implements InboundEnvelopeVerifier {
  private static readonly applyOnceElsewhere: ReplayGuard = { remember: async () => true };

  constructor(private readonly verifier: XmlDocumentVerifier, private readonly policy: EnvelopePolicy) {}

  async verify(envelope: SignedEnvelope, receivedAt: Date): Promise<Verified> {
    const r = await new EnvelopeVerifier(this.verifier, EdsEnvelopeVerifier.applyOnceElsewhere, this.policy, () => receivedAt).verify(envelope, FACT_DOCUMENT_TYPE);
    return r.ok ? { ok: true, root: r.root, signerBin: r.signer.bin ?? null } : { ok: false, code: r.code, reason: r.reason };
  }
}

/** Signs status documents with the hub's EDS key (@hub/eds XmlDocumentSigner). */
export class EdsStatusSigner implements StatusEventSigner {
  constructor(private readonly signer: XmlDocumentSigner, readonly senderBin: string) {}

  async sign(root: XmlElement, meta: { messageId: string; type: string; issuedAt: Date }): Promise<SignedEnvelope> {
    return { messageId: meta.messageId, correlationId: null, type: meta.type, issuedAt: meta.issuedAt.getTime(), senderBin: this.senderBin, document: await this.signer.sign(root) };
  }
}
