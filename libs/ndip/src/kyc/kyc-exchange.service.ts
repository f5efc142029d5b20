import { createHash, randomUUID } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import type { XmlDocumentSigner } from '@hub/eds';
import type { EnvelopeVerifier } from '../envelope/envelope-verifier';
import { ExchangeRefusal, type Refusal } from '../envelope/refusal-code';
import type { SignedEnvelope } from '../envelope/signed-envelope';
import type { SignedMessageLog } from '../envelope/signed-message-log';
import type { AssessKyc } from './assess-kyc.usecase';
import type { KycAnswerStore, StoredAnswer } from './kyc-answer.repository';
import { kycResultXml, refusalXml, type AnswerHeader } from './kyc-documents';
import { parseKycRequest } from './kyc-request.parser';
import type { KycRequest } from './kyc-subject';

export const KYC_TYPES = { request: 'KycRequest', result: 'KycResult', refusal: 'KycRefusal' } as const;

export type Channel = 'KAFKA' | 'SOAP';

export interface KycAnswer {
  messageId: string;
  correlationId: string;
  type: typeof KYC_TYPES.result | typeof KYC_TYPES.refusal;
  /** the signed XML document */
  document: string;
  issuedAt: Date;
  verdict: string | null;
  refusal: Refusal | null;
}

export interface KycExchangeDeps {
  /** counts every refused signature by its check (hub_eds_verification_failures_total) */
  onRefusal: (code: string) => void;
  verifier: EnvelopeVerifier;
  assess: AssessKyc;
  signer: XmlDocumentSigner;
  hubBin: string;
  answers: KycAnswerStore;
  /** NDIP_MESSAGE_WINDOW_SECONDS in ms: how long after its signed issue time a request may be answered again */
  windowMs: number;
  log: SignedMessageLog;
  clock: () => Date;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * One KYC request, whichever door it came through: verify (full EDS checklist, sender, replay),
 * assess, sign the answer, keep both in the message log. A redelivered request gets its stored
 * answer again; a refused one gets a signed refusal naming the failed check and is never processed.
 */
export class KycExchange {
  constructor(private readonly d: KycExchangeDeps) {}

  get hubBin(): string {
    return this.d.hubBin;
  }

  /**
   * The Kafka door: the whole envelope is checked here. The very same signed request again (same
   * sender, message id and document SHA-256: a redelivery at the same or a new offset after a
   * crash, or the client resending it) gets the stored answer again, byte for byte, while the
   * request is inside its time window; the same id with another document is a REPLAY. `position`
   * (topic:partition:offset) is kept with the answer for tracing. `known` is the stored answer when
   * the caller already looked it up (the consumer does, for a whole batch in one query).
   */
  async handleEnvelope(envelope: SignedEnvelope, channel: Channel, position: string | null = null, known?: { stored: StoredAnswer | null }): Promise<KycAnswer> {
    const fingerprint = sha256(envelope.document);
    const stored = known ? known.stored : await this.d.answers.find(envelope.senderBin, envelope.messageId);
    if (stored && stored.requestSha256.equals(fingerprint) && this.d.clock().getTime() - stored.requestIssuedAt.getTime() <= this.d.windowMs) {
      return this.resend(envelope, channel, stored);
    }
    // Stored or not, the same document passes the replay check: a crash after it was remembered
    // and before its answer was stored must not turn the redelivery into a REPLAY refusal.
    const verified = await this.d.verifier.verify(envelope, KYC_TYPES.request, fingerprint);
    if (!verified.ok) return this.refuse(envelope, channel, verified);
    return this.answerVerified(envelope, verified.root, channel, position, fingerprint);
  }

  /** Stored answers of many requests in one look-up (the Kafka door asks once per batch). */
  storedAnswers(envelopes: readonly SignedEnvelope[]): Promise<Map<string, StoredAnswer>> {
    return this.d.answers.findMany(envelopes.map((e) => ({ senderBin: e.senderBin, messageId: e.messageId })));
  }

  /**
   * The SOAP door: the gateway message's WS-Security signature was verified by the caller; the
   * KycRequest inside must name the same message id and sender as the signed requestInfo.
   */
  async handleVerifiedSoap(inner: Element, requestInfo: { messageId: string; senderId: string; messageDate: Date }, rawMessage: string): Promise<KycAnswer> {
    const envelope: SignedEnvelope = { messageId: requestInfo.messageId, correlationId: null, type: KYC_TYPES.request, issuedAt: requestInfo.messageDate.getTime(), senderBin: requestInfo.senderId, document: rawMessage };
    if (inner.getAttribute('messageId') !== requestInfo.messageId || inner.getAttribute('senderBin') !== requestInfo.senderId) {
      return this.refuse(envelope, 'SOAP', { code: ExchangeRefusal.ENVELOPE_MISMATCH, reason: 'KycRequest@messageId and @senderBin must equal requestInfo/messageId and sender/senderId' });
    }
    return this.answerVerified(envelope, inner, 'SOAP', null);
  }

  /**
   * A message refused before it was processed (SOAP checks, bad envelopes): signed, logged, kept.
   * The request and its refusal enter the message log together, in that order, before the refusal
   * can leave (one group-commit slot instead of two waits).
   */
  async refuse(envelope: SignedEnvelope, channel: Channel, refusal: Refusal): Promise<KycAnswer> {
    this.d.onRefusal(refusal.code);
    const header = this.header(envelope);
    const document = await this.d.signer.sign(refusalXml(header, refusal));
    await Promise.all([
      this.logIn(envelope, channel, `REFUSED:${refusal.code}`),
      this.logOut(header, KYC_TYPES.refusal, channel, `REFUSAL:${refusal.code}`, document),
    ]);
    return { messageId: header.messageId, correlationId: envelope.messageId, type: KYC_TYPES.refusal, document, issuedAt: header.issuedAt, verdict: null, refusal };
  }

  /** `fingerprint` is the request document's SHA-256 when the caller already has it (the Kafka door hashed it for the replay check). */
  private async answerVerified(envelope: SignedEnvelope, root: Element, channel: Channel, position: string | null, fingerprint?: Buffer): Promise<KycAnswer> {
    const parsed = parseKycRequest(root);
    if (!parsed.ok) return this.refuse(envelope, channel, { code: ExchangeRefusal.BAD_REQUEST, reason: parsed.reason });
    return this.answer(envelope, parsed.request, channel, position, fingerprint ?? sha256(envelope.document));
  }

  /**
   * Assess, sign, then keep: the request and its answer go to the message log (one group-commit
   * slot, request first) while the answer is stored, and the answer leaves only once both are
   * done. Should two copies of one request race, both send the first stored answer; the loser's
   * own signed answer stays in the log as signed, never sent. Should the hub die between the two
   * writes, the redelivery is logged when its stored answer is sent again (resend), so no message
   * that left is missing from the log.
   */
  private async answer(envelope: SignedEnvelope, request: KycRequest, channel: Channel, position: string | null, requestSha256: Buffer): Promise<KycAnswer> {
    const header = this.header(envelope);
    const { findings, decision } = await this.d.assess.execute(request.subject, header.issuedAt);
    const document = await this.d.signer.sign(kycResultXml(header, request.subject, findings, decision));
    const [kept] = await Promise.all([
      this.d.answers.saveFirst(envelope.senderBin, envelope.messageId, channel, {
        requestSha256, requestPosition: position, requestIssuedAt: new Date(envelope.issuedAt), answerMessageId: header.messageId, answerType: KYC_TYPES.result, verdict: decision.verdict, document,
      }),
      this.logIn(envelope, channel, 'ACCEPTED'),
      this.logOut(header, KYC_TYPES.result, channel, `ANSWERED:${decision.verdict}`, document),
    ]);
    return { messageId: kept.answerMessageId, correlationId: envelope.messageId, type: KYC_TYPES.result, document: kept.document, issuedAt: header.issuedAt, verdict: kept.verdict, refusal: null };
  }

  /** The same request again: the stored answer leaves again, and both are logged (DUPLICATE in, RESENT out). */
  private async resend(envelope: SignedEnvelope, channel: Channel, stored: StoredAnswer): Promise<KycAnswer> {
    const header: AnswerHeader = { messageId: stored.answerMessageId, correlationId: envelope.messageId, issuedAt: this.d.clock(), senderBin: this.d.hubBin, recipientBin: envelope.senderBin };
    await Promise.all([
      this.logIn(envelope, channel, 'DUPLICATE'),
      this.logOut(header, KYC_TYPES.result, channel, `RESENT:${stored.verdict ?? ''}`, stored.document),
    ]);
    return { messageId: stored.answerMessageId, correlationId: envelope.messageId, type: KYC_TYPES.result, document: stored.document, issuedAt: header.issuedAt, verdict: stored.verdict, refusal: null };
  }

  private async logIn(envelope: SignedEnvelope, channel: Channel, outcome: string): Promise<void> {
    await this.d.log.append({ messageId: envelope.messageId, correlationId: envelope.correlationId, direction: 'IN', channel, type: envelope.type, senderBin: envelope.senderBin, outcome, document: envelope.document });
  }

  private header(envelope: SignedEnvelope): AnswerHeader {
    return { messageId: randomUUID(), correlationId: envelope.messageId, issuedAt: this.d.clock(), senderBin: this.d.hubBin, recipientBin: envelope.senderBin };
  }

  private async logOut(h: AnswerHeader, type: string, channel: Channel, outcome: string, document: string): Promise<void> {
    await this.d.log.append({ messageId: h.messageId, correlationId: h.correlationId, direction: 'OUT', channel, type, senderBin: h.senderBin, outcome, document });
  }
}
