import type { Element } from '@xmldom/xmldom';
import { NS, WSS } from '../algorithms';
import { EdsFailure, fail } from '../eds-error';
import { Certificate } from '../pki/certificate';
import { elementChildren, is, textOf, type ParsedXml } from './safe-parse';

/** ds:KeyInfo/ds:X509Data/ds:X509Certificate+ — the first is the signer, the rest path candidates. */
export function x509DataCertificates(keyInfo: Element): Certificate[] {
  const kids = elementChildren(keyInfo, 'KeyInfo');
  if (kids.length !== 1 || !is(kids[0], NS.ds, 'X509Data')) fail(EdsFailure.SIGNATURE_STRUCTURE, 'KeyInfo must hold one X509Data');
  const certs = elementChildren(kids[0], 'X509Data');
  if (certs.length === 0) fail(EdsFailure.SIGNATURE_STRUCTURE, 'X509Data without X509Certificate');
  return certs.map((c) => {
    if (!is(c, NS.ds, 'X509Certificate')) fail(EdsFailure.SIGNATURE_STRUCTURE, 'X509Data may only hold X509Certificate');
    return Certificate.fromBase64(textOf(c));
  });
}

/**
 * WS-Security: KeyInfo/wsse:SecurityTokenReference/wsse:Reference URI="#id" pointing at an X.509
 * BinarySecurityToken inside the same wsse:Security header (or plain X509Data).
 */
export function wsSecurityCertificates(keyInfo: Element, security: Element, parsed: ParsedXml): Certificate[] {
  const kids = elementChildren(keyInfo, 'KeyInfo');
  if (kids.length === 1 && is(kids[0], NS.ds, 'X509Data')) return x509DataCertificates(keyInfo);
  if (kids.length !== 1 || !is(kids[0], NS.wsse, 'SecurityTokenReference')) fail(EdsFailure.SIGNATURE_STRUCTURE, 'KeyInfo must hold one SecurityTokenReference');
  const refs = elementChildren(kids[0], 'SecurityTokenReference');
  if (refs.length !== 1 || !is(refs[0], NS.wsse, 'Reference')) fail(EdsFailure.SIGNATURE_STRUCTURE, 'SecurityTokenReference must hold one Reference');
  const uri = refs[0].getAttribute('URI') ?? '';
  if (!uri.startsWith('#')) fail(EdsFailure.SIGNATURE_STRUCTURE, 'token reference must be a same-document reference');
  const targets = parsed.ids.get(uri.slice(1)) ?? [];
  if (targets.length !== 1) fail(EdsFailure.REFERENCE_MISMATCH, `token id ${uri} must identify exactly one element`);
  const bst = targets[0];
  if (!is(bst, NS.wsse, 'BinarySecurityToken') || bst.parentNode !== security)
    fail(EdsFailure.REFERENCE_MISMATCH, 'token reference must point at a BinarySecurityToken in this Security header');
  if (bst.getAttribute('ValueType') !== WSS.x509v3) fail(EdsFailure.SIGNATURE_STRUCTURE, 'BinarySecurityToken is not an X.509v3 certificate');
  const enc = bst.getAttribute('EncodingType');
  if (enc && enc !== WSS.base64Binary) fail(EdsFailure.SIGNATURE_STRUCTURE, 'BinarySecurityToken must be base64');
  return [Certificate.fromBase64(textOf(bst))];
}
