import { createHash } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate as AsnCertificate, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import type { Certificate } from './certificate';
import { CertID, OCSP_OID } from './ocsp-asn1';

export type OcspHash = 'sha1' | 'sha256';

const HASH_OID: Record<OcspHash, string> = { sha1: OCSP_OID.sha1, sha256: OCSP_OID.sha256 };
const OID_HASH = new Map<string, OcspHash>([
  [OCSP_OID.sha1, 'sha1'],
  [OCSP_OID.sha256, 'sha256'],
]);

export function hashForOid(oid: string): OcspHash | undefined {
  return OID_HASH.get(oid);
}

/** DER of the subject Name of `cert`, and the bits of its public key (what CertID hashes). */
export function issuerParts(cert: Certificate): { nameDer: Buffer; keyBits: Buffer } {
  const asn = AsnConvert.parse(cert.der, AsnCertificate);
  const nameDer = Buffer.from(AsnConvert.serialize(asn.tbsCertificate.subject));
  const spki = AsnConvert.parse(cert.node.publicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo);
  return { nameDer, keyBits: Buffer.from(spki.subjectPublicKey) };
}

export function keyHash(cert: Certificate): Buffer {
  return createHash('sha1').update(issuerParts(cert).keyBits).digest();
}

export function certIdFor(cert: Certificate, issuer: Certificate, hash: OcspHash): CertID {
  const { nameDer, keyBits } = issuerParts(issuer);
  const serial = Buffer.from(cert.node.serialNumber.length % 2 ? `0${cert.node.serialNumber}` : cert.node.serialNumber, 'hex');
  return new CertID({
    hashAlgorithm: new AlgorithmIdentifier({ algorithm: HASH_OID[hash], parameters: null }),
    issuerNameHash: new OctetString(createHash(hash).update(nameDer).digest()),
    issuerKeyHash: new OctetString(createHash(hash).update(keyBits).digest()),
    serialNumber: serial.buffer.slice(serial.byteOffset, serial.byteOffset + serial.length),
  });
}

export function sameCertId(a: CertID, b: CertID): boolean {
  return (
    a.hashAlgorithm.algorithm === b.hashAlgorithm.algorithm &&
    Buffer.from(a.issuerNameHash.buffer).equals(Buffer.from(b.issuerNameHash.buffer)) &&
    Buffer.from(a.issuerKeyHash.buffer).equals(Buffer.from(b.issuerKeyHash.buffer)) &&
    serialOf(a) === serialOf(b)
  );
}

export function serialOf(id: CertID): string {
  const hex = Buffer.from(id.serialNumber).toString('hex').replace(/^0+/, '');
  return hex === '' ? '0' : hex;
}
