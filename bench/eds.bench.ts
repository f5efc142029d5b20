import { sign as rawSign, verify as rawVerify } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import {
  ALG,
  CrlRevocationChecker,
  DevPki,
  RsaSha256Signer,
  TrustStore,
  XmlDocumentSigner,
  XmlDocumentVerifier,
  el,
  renderCanonical,
  type XmlElement,
} from '@hub/eds';

import { BenchRow } from './bench-support';

/** Runs `fn` repeatedly for about `ms` milliseconds and returns operations per second. */
async function rate(ms: number, fn: () => unknown): Promise<number> {
  for (let i = 0; i < 20; i++) await fn(); // warm-up
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 10; i++) await fn();
    n += 10;
    now = process.hrtime.bigint();
  }
  return n / (Number(now - start) / 1e9);
}

function document(bytes: number): XmlElement {
  const rows = [];
  for (let i = 0; rows.length * 150 < bytes - 300; i++)
    rows.push(
      el('r:Row', { n: String(i) }, [
        el('r:Bin', {}, ['123456789021']),
        el('r:Name', {}, [`ТОО Контрагент ${i}`]),
        el('r:Amount', { currency: 'KZT' }, [String(1000 + i * 17)]),
      ]),
    );
  return el('r:Report', { 'xmlns:r': 'urn:hub:report:v1', id: 'rep-1' }, [el('r:Rows', {}, rows)]);
}

/**
 * Hub EDS sign/verify rates for a ~4 KB document next to raw RSA-2048 and stock xml-crypto, all
 * measured in this run on this machine. Verification runs every checklist item (chain cached per
 * certificate, CRL revocation checked per message against the cached, verified CRL).
 */
export async function runEdsBench(): Promise<BenchRow[]> {
  const pki = await DevPki.create();
  const { privateKey, certificate } = pki.organisation;
  const doc = document(4096);
  const canonical = renderCanonical(doc);
  const signer = new XmlDocumentSigner(new RsaSha256Signer(privateKey, certificate.der));
  const signed = await signer.sign(doc);
  const verifier = new XmlDocumentVerifier({
    trust: new TrustStore({ anchors: [pki.root.certificate.der], intermediates: [pki.intermediate.certificate.der] }),
    revocation: new CrlRevocationChecker([
      { issuer: pki.intermediate.certificate, source: { name: 'int', load: () => pki.intermediateCrl() } },
      { issuer: pki.root.certificate, source: { name: 'root', load: () => pki.rootCrl() } },
    ]),
  });
  const expected = { subjectType: 'organisation', bin: DevPki.defaultBin } as const;
  await verifier.verify(signed, expected); // fail fast if the path is broken

  const data = Buffer.from(canonical);
  const sig = rawSign('sha256', data, privateKey);
  const pubKey = certificate.publicKey;
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' });
  const certPem = certificate.toPem();
  const stockSign = () => {
    const s = new SignedXml({ privateKey: keyPem, publicCert: certPem, signatureAlgorithm: ALG.rsaSha256, canonicalizationAlgorithm: ALG.excC14n });
    s.addReference({ xpath: '/*', digestAlgorithm: ALG.sha256, transforms: [ALG.envelopedSignature, ALG.excC14n], isEmptyUri: true });
    s.computeSignature(canonical);
    return s.getSignedXml();
  };
  const stockSigned = stockSign();
  const stockVerify = () => {
    const d = new DOMParser().parseFromString(stockSigned, 'text/xml');
    const s = new SignedXml({ publicCert: certPem, getCertFromKeyInfo: () => null });
    s.loadSignature(d.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature')[0]);
    if (!s.checkSignature(stockSigned)) throw new Error('stock verify failed');
  };

  const ms = 2500;
  const rawSignRate = await rate(ms, () => rawSign('sha256', data, privateKey));
  const rawVerifyRate = await rate(ms, () => rawVerify('sha256', data, pubKey, sig));
  const hubSign = await rate(ms, () => signer.sign(doc));
  const hubVerify = await rate(ms, () => verifier.verify(signed, expected));
  const stockSignRate = await rate(ms, stockSign);
  const stockVerifyRate = await rate(ms, stockVerify);

  const kb = (Buffer.byteLength(signed) / 1024).toFixed(1);
  const row = (name: string, value: number, reference: string, referenceValue: number): BenchRow => ({
    name,
    value: Math.round(value),
    unit: 'ops/s',
    reference,
    referenceValue: Math.round(referenceValue),
    ratio: Math.round((value / referenceValue) * 100) / 100,
  });
  return [
    row(`eds: hub sign (${kb} KB signed doc)`, hubSign, 'raw crypto.sign RSA-2048', rawSignRate),
    row(`eds: hub verify, full checklist (${kb} KB)`, hubVerify, 'raw crypto.verify RSA-2048', rawVerifyRate),
    row('eds: hub sign vs stock xml-crypto sign', hubSign, 'xml-crypto 6 sign', stockSignRate),
    row('eds: hub verify vs stock xml-crypto verify', hubVerify, 'xml-crypto 6 verify (signature only)', stockVerifyRate),
  ];
}

if (require.main === module) {
  runEdsBench()
    .then((rows) => console.table(rows))
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
