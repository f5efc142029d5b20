import { randomUUID } from 'node:crypto';
import { ALG, NS, WSS } from './algorithms';
import { canonicalSignedInfo, signatureElement } from './signed-info';
import type { Signer } from './signer';
import { el, escapeAttr, renderCanonical, type XmlElement } from './xml/canonical-builder';

export interface SoapSignOptions {
  bodyId?: string;
  tokenId?: string;
}

/**
 * SOAP 1.1 message with a WS-Security signature over the Body, the way the e-Gov gateway (ShEP)
 * expects: wsse:Security header, exclusive c14n, a reference to the Body's wsu:Id and the
 * certificate as a BinarySecurityToken referenced from KeyInfo/SecurityTokenReference.
 */
export class SoapMessageSigner {
  private readonly certificate: string;

  constructor(private readonly signer: Signer) {
    this.certificate = signer.certificate.toString('base64');
  }

  async sign(payload: XmlElement, options: SoapSignOptions = {}): Promise<string> {
    const bodyId = options.bodyId ?? `id-${randomUUID()}`;
    const tokenId = options.tokenId ?? `X509-${randomUUID()}`;
    // The Body is emitted in its canonical form, namespace declarations included, so its text is
    // exactly what gets digested wherever it sits in the envelope.
    const body = renderCanonical(el('soap:Body', { 'xmlns:soap': NS.soap11, 'xmlns:wsu': NS.wsu, 'wsu:Id': bodyId }, [payload]));
    const digest = await this.signer.digest(Buffer.from(body, 'utf8'));
    const signedInfo = canonicalSignedInfo(this.signer, `#${bodyId}`, [ALG.excC14n], digest);
    const value = await this.signer.sign(Buffer.from(signedInfo, 'utf8'));
    const keyInfo = `<wsse:SecurityTokenReference><wsse:Reference URI="#${escapeAttr(tokenId)}" ValueType="${WSS.x509v3}"></wsse:Reference></wsse:SecurityTokenReference>`;
    return (
      `<soap:Envelope xmlns:soap="${NS.soap11}"><soap:Header>` +
      `<wsse:Security xmlns:wsse="${NS.wsse}" xmlns:wsu="${NS.wsu}" soap:mustUnderstand="1">` +
      `<wsse:BinarySecurityToken EncodingType="${WSS.base64Binary}" ValueType="${WSS.x509v3}" wsu:Id="${escapeAttr(tokenId)}">${this.certificate}</wsse:BinarySecurityToken>` +
      signatureElement(signedInfo, value, keyInfo) +
      `</wsse:Security></soap:Header>${body}</soap:Envelope>`
    );
  }
}
