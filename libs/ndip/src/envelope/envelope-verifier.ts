import type { Element } from '@xmldom/xmldom';
import { EdsError, EdsFailure, type SignerIdentity, type XmlDocumentVerifier } from '@hub/eds';
import { ExchangeRefusal, type Refusal } from './refusal-code';
import type { ReplayGuard } from './replay-guard';
import type { SignedEnvelope } from './signed-envelope';

export interface EnvelopePolicy {
  allowedSenders: ReadonlySet<string>;
  /** how far the signed issue time may lie from the hub's clock, either way */
  windowMs: number;
}

export type VerifiedEnvelope = { ok: true; root: Element; signer: SignerIdentity } | ({ ok: false } & Refusal);

/**
 * The inbound half of every NDIP exchange (KYC requests, project events): the envelope is
 * untrusted routing; the document's enveloped XMLDSig is verified with the full checklist, its
 * signed attributes must repeat the envelope, and only then is the (sender, message id) pair
 * remembered — so a forged message cannot burn a real id.
 */
export class EnvelopeVerifier {
  constructor(
    private readonly verifier: XmlDocumentVerifier,
    private readonly replay: ReplayGuard,
    private readonly policy: EnvelopePolicy,
    private readonly clock: () => Date,
  ) {}

  /**
   * `sameDocument` is for callers that answer idempotently (the KYC exchange): given the SHA-256 of
   * the document, the very same signed document seen again inside its window passes the replay
   * check — after every other check — and the caller answers it as before. Without it, any second
   * arrival of the pair is a REPLAY.
   */
  async verify(envelope: SignedEnvelope, rootName: string, sameDocument?: Buffer): Promise<VerifiedEnvelope> {
    const now = this.clock();
    if (!this.policy.allowedSenders.has(envelope.senderBin)) {
      return { ok: false, code: ExchangeRefusal.SENDER_NOT_ALLOWED, reason: `BIN ${envelope.senderBin} is not an NDIP sender this hub accepts` };
    }
    let root: Element;
    let signer: SignerIdentity;
    try {
      const verified = await this.verifier.verify(envelope.document, { subjectType: 'organisation', bin: envelope.senderBin });
      root = verified.element;
      signer = verified.signer;
    } catch (error) {
      if (!(error instanceof EdsError)) throw error;
      if (error.code === EdsFailure.SIGNATURE_COUNT && / found 0$/.test(error.message)) return { ok: false, code: ExchangeRefusal.UNSIGNED, reason: 'the document carries no signature' };
      return { ok: false, code: error.code, reason: error.message };
    }
    if (root.localName !== rootName) return { ok: false, code: ExchangeRefusal.ENVELOPE_MISMATCH, reason: `envelope type expects a ${rootName} document, got ${root.localName}` };
    const signedId = root.getAttribute('messageId');
    const signedSender = root.getAttribute('senderBin');
    const signedAt = Date.parse(root.getAttribute('issuedAt') ?? '');
    if (signedId !== envelope.messageId || signedSender !== envelope.senderBin || signedAt !== envelope.issuedAt) {
      return { ok: false, code: ExchangeRefusal.ENVELOPE_MISMATCH, reason: 'messageId, senderBin and issuedAt of the envelope must equal those in the signed document' };
    }
    const skew = Math.abs(now.getTime() - signedAt);
    if (skew > this.policy.windowMs) {
      return { ok: false, code: ExchangeRefusal.STALE_MESSAGE, reason: `issuedAt ${new Date(signedAt).toISOString()} is more than ${this.policy.windowMs / 1000} s from the hub's clock` };
    }
    const expires = new Date(signedAt + this.policy.windowMs);
    if (!(await this.replay.remember(envelope.senderBin, envelope.messageId, expires, now, sameDocument))) {
      return { ok: false, code: ExchangeRefusal.REPLAY, reason: `message ${envelope.messageId} from ${envelope.senderBin} was already received` };
    }
    return { ok: true, root, signer };
  }
}
