import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import {
  ALG,
  CrlRevocationChecker,
  DevPki,
  InMemoryReplayStore,
  OcspRevocationChecker,
  RevocationPolicy,
  RsaSha256Signer,
  SoapMessageVerifier,
  TrustStore,
  XmlDocumentVerifier,
  el,
  type IssuedCert,
  type ReplayStore,
  type RevocationChecker,
  type XmlElement,
} from '@hub/eds';

/** Shared, created once per test file: RSA key generation is the slow part. */
export async function createPki(): Promise<DevPki> {
  return DevPki.create({ now: new Date() });
}

export function trustOf(pki: DevPki): TrustStore {
  return new TrustStore({ anchors: [pki.root.certificate.der], intermediates: [pki.intermediate.certificate.der] });
}

/** CRL checking for both CAs, CRLs taken from the dev PKI when first needed. */
export function crlRevocation(pki: DevPki, intermediateCrl?: () => Promise<Buffer>): CrlRevocationChecker {
  return new CrlRevocationChecker([
    { issuer: pki.intermediate.certificate, source: { name: 'intermediate.crl', load: intermediateCrl ?? (() => pki.intermediateCrl()) } },
    { issuer: pki.root.certificate, source: { name: 'root.crl', load: () => pki.rootCrl() } },
  ]);
}

/** OCSP for leaf certificates, root CRL for the intermediate. */
export function ocspRevocation(pki: DevPki, url: string, timeoutMs = 2000): RevocationChecker {
  return new RevocationPolicy([
    new OcspRevocationChecker({ responders: [{ issuer: pki.intermediate.certificate, url }], timeoutMs }),
    new CrlRevocationChecker([{ issuer: pki.root.certificate, source: { name: 'root.crl', load: () => pki.rootCrl() } }]),
  ]);
}

export function documentVerifier(pki: DevPki, o: { revocation?: RevocationChecker; trust?: TrustStore; now?: () => Date } = {}) {
  return new XmlDocumentVerifier({
    trust: o.trust ?? trustOf(pki),
    revocation: o.revocation ?? crlRevocation(pki),
    now: o.now ?? (() => new Date()),
  });
}

export function soapVerifier(pki: DevPki, o: { revocation?: RevocationChecker; now?: () => Date; replayStore?: ReplayStore } = {}) {
  return new SoapMessageVerifier({
    trust: trustOf(pki),
    revocation: o.revocation ?? crlRevocation(pki),
    now: o.now ?? (() => new Date()),
    replayStore: o.replayStore ?? new InMemoryReplayStore(),
  });
}

export function signerOf(c: IssuedCert): RsaSha256Signer {
  return new RsaSha256Signer(c.privateKey, c.certificate.der);
}

/** A report-like document of roughly `bytes` bytes. */
export function sampleDocument(bytes = 4096): XmlElement {
  const rows = [];
  for (let i = 0; rows.length * 150 < bytes - 300; i++) {
    rows.push(
      el('r:Row', { n: String(i), kind: i % 2 ? 'debit' : 'credit' }, [
        el('r:Bin', {}, ['123456789021']),
        el('r:Name', {}, [`ТОО "Контрагент № ${i}" & Co <ltd>`]),
        el('r:Amount', { currency: 'KZT' }, [String(1000 + i * 17)]),
      ]),
    );
  }
  return el('r:Report', { 'xmlns:r': 'urn:hub:report:v1', id: 'rep-1', version: '1' }, [
    el('r:Header', {}, [el('r:Bin', {}, ['123456789021']), el('r:Period', {}, ['2025-01'])]),
    el('r:Rows', {}, rows),
  ]);
}

/** Stock xml-crypto enveloped signature (used as a reference implementation in tests and bench). */
export function xmlCryptoSign(xml: string, signer: IssuedCert, alg: 'sha256' | 'sha1' = 'sha256'): string {
  const sig = new SignedXml({
    privateKey: signer.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    publicCert: signer.certificate.toPem(),
    signatureAlgorithm: alg === 'sha256' ? ALG.rsaSha256 : 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
    canonicalizationAlgorithm: ALG.excC14n,
  });
  sig.addReference({
    xpath: '/*',
    digestAlgorithm: alg === 'sha256' ? ALG.sha256 : 'http://www.w3.org/2000/09/xmldsig#sha1',
    transforms: [ALG.envelopedSignature, ALG.excC14n],
    isEmptyUri: true,
  });
  sig.computeSignature(xml);
  return sig.getSignedXml();
}

/** Stock xml-crypto verification with a pinned certificate; returns the signed references. */
export function xmlCryptoVerify(xml: string, certPem: string): { ok: boolean; references: string[] } {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const sigs = doc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature');
  const sig = new SignedXml({ publicCert: certPem, getCertFromKeyInfo: () => null });
  sig.loadSignature(sigs[0]);
  const ok = sig.checkSignature(xml);
  return { ok, references: sig.getSignedReferences() };
}
