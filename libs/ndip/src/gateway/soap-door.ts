import type { Element } from '@xmldom/xmldom';
import { EdsError, SHEP_NS, el, type SoapMessageSigner, type SoapMessageVerifier, type XmlElement } from '@hub/eds';
import { ExchangeRefusal, type Refusal } from '../envelope/refusal-code';
import type { SignedEnvelope } from '../envelope/signed-envelope';
import { KYC_TYPES, type KycAnswer, type KycExchange } from '../kyc/kyc-exchange.service';
import { KYC_NS } from '../kyc/kyc-xml';

export const SHEP_SUCCESS = { code: 'SCSS001', message: 'Message has been processed successfully' } as const;

export interface SoapDoorOptions {
  serviceId: string;
  allowedSenders: ReadonlySet<string>;
  clock: () => Date;
}

/** What an unverified message claims, for correlating and logging its refusal only: never trusted. */
function claimed(xml: string): { messageId: string; senderId: string } {
  const pick = (name: string) => new RegExp(`<(?:\\w+:)?${name}>([^<]{1,200})</(?:\\w+:)?${name}>`).exec(xml)?.[1]?.trim() ?? '';
  return { messageId: pick('messageId') || 'unknown', senderId: /^\d{12}$/.test(pick('senderId')) ? pick('senderId') : '000000000000' };
}

/**
 * The e-Gov gateway's synchronous door (ShEP SyncChannel `SendMessage`, NDIP-NOTES §6): the SOAP
 * Body is verified with WS-Security and the full checklist, the KycRequest in requestData/data is
 * answered by the same exchange as the Kafka door. The answer travels in responseData/data as the
 * same enveloped-signed KycResult document the Kafka door publishes (as escaped XML text, so its
 * own signature survives untouched), inside a response whose Body the hub signs with WS-Security.
 * Every refusal is a WS-Security-signed SOAP Fault whose ErrorInfo/errorCode names the failed check.
 */
export class SoapKycDoor {
  constructor(
    private readonly verifier: SoapMessageVerifier,
    private readonly signer: SoapMessageSigner,
    private readonly exchange: KycExchange,
    private readonly options: SoapDoorOptions,
  ) {}

  async handle(xml: string): Promise<{ status: number; body: string }> {
    let verified;
    try {
      verified = await this.verifier.verify(xml);
    } catch (error) {
      if (!(error instanceof EdsError)) throw error;
      return this.fault(xml, { code: error.code, reason: error.message });
    }
    const info = verified.requestInfo;
    if (info.serviceId !== this.options.serviceId) return this.fault(xml, { code: ExchangeRefusal.UNKNOWN_SERVICE, reason: `serviceId ${info.serviceId} is not served here (${this.options.serviceId})` });
    if (!this.options.allowedSenders.has(info.senderId)) return this.fault(xml, { code: ExchangeRefusal.SENDER_NOT_ALLOWED, reason: `BIN ${info.senderId} is not an NDIP sender this hub accepts` });
    const kyc = findKycRequest(verified.payload);
    if (!kyc) return this.fault(xml, { code: ExchangeRefusal.BAD_REQUEST, reason: `requestData/data must hold one {${KYC_NS}}KycRequest` });
    const answer = await this.exchange.handleVerifiedSoap(kyc, info, xml);
    if (answer.refusal) return this.signedFault(answer.refusal, answer);
    return { status: 200, body: await this.signer.sign(this.response(answer)) };
  }

  private response(a: KycAnswer): XmlElement {
    const p = (name: string, children: Array<XmlElement | string>) => el(`shep:${name}`, {}, children);
    return el('shep:SendMessageResponse', { 'xmlns:shep': SHEP_NS }, [
      p('response', [
        p('responseInfo', [
          p('messageId', [a.messageId]), p('correlationId', [a.correlationId]), p('responseDate', [a.issuedAt.toISOString()]),
          p('status', [p('code', [SHEP_SUCCESS.code]), p('message', [SHEP_SUCCESS.message])]),
        ]),
        p('responseData', [p('data', [a.document])]),
      ]),
    ]);
  }

  private async fault(xml: string, refusal: Refusal): Promise<{ status: number; body: string }> {
    const c = claimed(xml);
    const envelope: SignedEnvelope = { messageId: c.messageId, correlationId: null, type: KYC_TYPES.request, issuedAt: this.options.clock().getTime(), senderBin: c.senderId, document: xml };
    const answer = await this.exchange.refuse(envelope, 'SOAP', refusal);
    return this.signedFault(refusal, answer);
  }

  private async signedFault(refusal: Refusal, answer: KycAnswer): Promise<{ status: number; body: string }> {
    const fault = el('soap:Fault', {}, [
      el('faultcode', {}, ['soap:Client']),
      el('faultstring', {}, [`${refusal.code}: ${refusal.reason}`]),
      el('detail', {}, [
        el('shep:SendMessageSendMessageFaultMsg', { 'xmlns:shep': SHEP_NS }, [
          el('shep:ErrorInfo', {}, [
            el('shep:errorCode', {}, [refusal.code]),
            el('shep:errorMessage', {}, [refusal.reason]),
            el('shep:refusal', {}, [answer.document]),
          ]),
        ]),
      ]),
    ]);
    return { status: 500, body: await this.signer.sign(fault) };
  }
}

function findKycRequest(payload: Element): Element | null {
  const found: Element[] = [];
  const visit = (e: Element) => {
    for (let c = e.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      const child = c as Element;
      if (child.namespaceURI === KYC_NS && child.localName === 'KycRequest') found.push(child);
      else visit(child);
    }
  };
  visit(payload);
  return found.length === 1 ? found[0] : null;
}
