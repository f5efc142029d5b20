import { ALG } from './algorithms';
import { signatureElement, canonicalSignedInfo } from './signed-info';
import type { Signer } from './signer';
import { renderCanonical, type XmlElement } from './xml/canonical-builder';
import { canonicalize } from './xml/c14n';
import { parseUntrustedXml } from './xml/safe-parse';

/**
 * Enveloped XMLDSig over a whole document (Reference URI="", exclusive c14n, the certificate in
 * KeyInfo). The fast path signs documents the hub builds with the canonical builder: their text
 * already is the exc-c14n form, so there is no parse/serialise round trip; only a digest and one
 * private-key operation. Tests verify its output with stock xml-crypto and xmlsec1.
 */
export class XmlDocumentSigner {
  private readonly keyInfo: string;

  constructor(private readonly signer: Signer) {
    this.keyInfo = `<ds:X509Data><ds:X509Certificate>${signer.certificate.toString('base64')}</ds:X509Certificate></ds:X509Data>`;
  }

  /** Signs a document built with `el()`. */
  async sign(root: XmlElement): Promise<string> {
    return this.envelop(renderCanonical(root));
  }

  /**
   * Signs arbitrary XML (e.g. a template). The output is the exc-c14n form of the input plus the
   * signature: same information set, canonical formatting.
   */
  async signXml(xml: string): Promise<string> {
    const { root, signatures } = parseUntrustedXml(xml);
    if (signatures.length) throw new Error('document is already signed');
    return this.envelop(canonicalize(root, ALG.excC14n));
  }

  private async envelop(canonicalRoot: string): Promise<string> {
    const digest = await this.signer.digest(Buffer.from(canonicalRoot, 'utf8'));
    const signedInfo = canonicalSignedInfo(this.signer, '', [ALG.envelopedSignature, ALG.excC14n], digest);
    const value = await this.signer.sign(Buffer.from(signedInfo, 'utf8'));
    const at = canonicalRoot.lastIndexOf('</');
    return canonicalRoot.slice(0, at) + signatureElement(signedInfo, value, this.keyInfo) + canonicalRoot.slice(at);
  }
}
