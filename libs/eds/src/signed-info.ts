import { ALG, NS } from './algorithms';
import type { Signer } from './signer';
import { el, renderCanonical, type XmlElement } from './xml/canonical-builder';

/** Canonical (exc-c14n) SignedInfo with one reference: exactly the octets that get signed. */
export function canonicalSignedInfo(signer: Signer, uri: string, transforms: string[], digest: Buffer): string {
  const alg = (name: string, a: string) => el(`ds:${name}`, { Algorithm: a });
  const si: XmlElement = el('ds:SignedInfo', { 'xmlns:ds': NS.ds }, [
    alg('CanonicalizationMethod', ALG.excC14n),
    alg('SignatureMethod', signer.signatureMethod),
    el('ds:Reference', { URI: uri }, [
      el('ds:Transforms', {}, transforms.map((t) => alg('Transform', t))),
      alg('DigestMethod', signer.digestMethod),
      el('ds:DigestValue', {}, [digest.toString('base64')]),
    ]),
  ]);
  return renderCanonical(si);
}

/**
 * The ds:Signature element. SignedInfo is embedded in its canonical form; the repeated xmlns:ds
 * on it is redundant but legal and leaves the canonical octets unchanged.
 */
export function signatureElement(signedInfo: string, signatureValue: Buffer, keyInfo: string): string {
  return `<ds:Signature xmlns:ds="${NS.ds}">${signedInfo}<ds:SignatureValue>${signatureValue.toString('base64')}</ds:SignatureValue><ds:KeyInfo>${keyInfo}</ds:KeyInfo></ds:Signature>`;
}
