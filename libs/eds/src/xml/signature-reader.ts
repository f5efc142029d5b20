import type { Element } from '@xmldom/xmldom';
import { ALG, ALLOWED_C14N, NS, isExclusiveC14n } from '../algorithms';
import { EdsFailure, fail } from '../eds-error';
import { elementChildren, is, textOf } from './safe-parse';

export interface C14nMethod {
  algorithm: string;
  prefixList: string[];
}

export interface ReferenceInfo {
  uri: string;
  transforms: C14nMethod[]; // in order; enveloped-signature appears as { algorithm: ALG.envelopedSignature }
  digestMethod: string;
  digestValue: Buffer;
}

export interface SignatureInfo {
  signature: Element;
  signedInfo: Element;
  canonicalization: C14nMethod;
  signatureMethod: string;
  references: ReferenceInfo[];
  signatureValue: Buffer;
  keyInfo: Element;
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeBase64Strict(text: string, what: string): Buffer {
  const clean = text.replace(/[ \t\r\n]+/g, '');
  if (clean.length === 0 || clean.length % 4 !== 0 || !B64.test(clean)) fail(EdsFailure.SIGNATURE_STRUCTURE, `${what} is not base64`);
  return Buffer.from(clean, 'base64');
}

function algorithmOf(el: Element): string {
  const a = el.getAttribute('Algorithm');
  if (!a) fail(EdsFailure.SIGNATURE_STRUCTURE, `${el.localName} without Algorithm`);
  return a;
}

function readC14n(el: Element): C14nMethod {
  const algorithm = algorithmOf(el);
  const kids = elementChildren(el, el.localName ?? 'method');
  let prefixList: string[] = [];
  if (algorithm === ALG.envelopedSignature) {
    if (kids.length) fail(EdsFailure.SIGNATURE_STRUCTURE, 'enveloped-signature transform takes no parameters');
    return { algorithm, prefixList };
  }
  // Everything that is not a plain canonicalization (XPath, XSLT, base64, ...) is refused.
  if (!ALLOWED_C14N.has(algorithm)) fail(EdsFailure.ALGORITHM_NOT_ALLOWED, `transform/canonicalization ${algorithm}`);
  if (kids.length > 1) fail(EdsFailure.SIGNATURE_STRUCTURE, 'unexpected canonicalization parameters');
  if (kids.length === 1) {
    if (!isExclusiveC14n(algorithm) || !is(kids[0], NS.excC14n, 'InclusiveNamespaces'))
      fail(EdsFailure.SIGNATURE_STRUCTURE, 'unexpected canonicalization parameters');
    prefixList = (kids[0].getAttribute('PrefixList') ?? '').split(/\s+/).filter(Boolean);
  }
  return { algorithm, prefixList };
}

function readReference(ref: Element): ReferenceInfo {
  if (!ref.hasAttribute('URI')) fail(EdsFailure.REFERENCE_MISMATCH, 'Reference without URI');
  const uri = ref.getAttribute('URI') ?? '';
  const kids = elementChildren(ref, 'Reference');
  let i = 0;
  const transforms: C14nMethod[] = [];
  if (is(kids[i], NS.ds, 'Transforms')) {
    const ts = elementChildren(kids[i], 'Transforms');
    if (ts.length === 0) fail(EdsFailure.SIGNATURE_STRUCTURE, 'empty Transforms');
    for (const t of ts) {
      if (!is(t, NS.ds, 'Transform')) fail(EdsFailure.SIGNATURE_STRUCTURE, 'unexpected element in Transforms');
      transforms.push(readC14n(t));
    }
    i++;
  }
  const dm = kids[i++];
  const dv = kids[i++];
  if (!is(dm, NS.ds, 'DigestMethod') || !is(dv, NS.ds, 'DigestValue') || i !== kids.length)
    fail(EdsFailure.SIGNATURE_STRUCTURE, 'Reference must hold Transforms?, DigestMethod, DigestValue');
  if (elementChildren(dm, 'DigestMethod').length) fail(EdsFailure.SIGNATURE_STRUCTURE, 'DigestMethod takes no parameters');
  return { uri, transforms, digestMethod: algorithmOf(dm), digestValue: decodeBase64Strict(textOf(dv), 'DigestValue') };
}

/**
 * Reads a ds:Signature strictly: SignedInfo, SignatureValue, KeyInfo in this order and nothing
 * else (no ds:Object, no Manifest), so nothing unsigned can smuggle in meaning.
 */
export function readSignature(signature: Element): SignatureInfo {
  const kids = elementChildren(signature, 'Signature');
  const [signedInfo, sigValue, keyInfo] = kids;
  if (kids.length !== 3 || !is(signedInfo, NS.ds, 'SignedInfo') || !is(sigValue, NS.ds, 'SignatureValue') || !is(keyInfo, NS.ds, 'KeyInfo'))
    fail(EdsFailure.SIGNATURE_STRUCTURE, 'Signature must hold exactly SignedInfo, SignatureValue, KeyInfo');
  const si = elementChildren(signedInfo, 'SignedInfo');
  const [cm, sm, ...refs] = si;
  if (!is(cm, NS.ds, 'CanonicalizationMethod') || !is(sm, NS.ds, 'SignatureMethod') || refs.length === 0)
    fail(EdsFailure.SIGNATURE_STRUCTURE, 'SignedInfo must hold CanonicalizationMethod, SignatureMethod, Reference+');
  for (const r of refs) if (!is(r, NS.ds, 'Reference')) fail(EdsFailure.SIGNATURE_STRUCTURE, 'unexpected element in SignedInfo');
  const canonicalization = readC14n(cm);
  if (canonicalization.algorithm === ALG.envelopedSignature) fail(EdsFailure.ALGORITHM_NOT_ALLOWED, 'enveloped-signature is not a canonicalization');
  const sigKids = elementChildren(sm, 'SignatureMethod');
  if (sigKids.length) fail(EdsFailure.ALGORITHM_NOT_ALLOWED, 'SignatureMethod parameters (e.g. HMACOutputLength) are not accepted');
  return {
    signature,
    signedInfo,
    canonicalization,
    signatureMethod: algorithmOf(sm),
    references: refs.map(readReference),
    signatureValue: decodeBase64Strict(textOf(sigValue), 'SignatureValue'),
    keyInfo,
  };
}
