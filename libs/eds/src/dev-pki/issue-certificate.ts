import 'reflect-metadata';
import { randomBytes, webcrypto, type KeyObject } from 'node:crypto';
import {
  BasicConstraintsExtension,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectKeyIdentifierExtension,
  AuthorityKeyIdentifierExtension,
  X509CertificateGenerator,
  X509CrlGenerator,
  type Extension,
  type JsonName,
} from '@peculiar/x509';
import { Certificate } from '../pki/certificate';

const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

export interface KeyPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

/** A certificate with its private key (development and tests only). */
export interface IssuedCert {
  certificate: Certificate;
  privateKey: KeyObject;
}

export interface IssueOptions {
  subject: JsonName;
  keys: KeyPair;
  /** undefined = self-signed */
  issuer?: IssuedCert;
  notBefore: Date;
  notAfter: Date;
  ca?: { pathLength?: number };
  keyUsage: KeyUsageFlags;
  extendedKeyUsage?: string[];
  serialHex?: string;
}

export function importSigningKey(key: KeyObject): Promise<webcrypto.CryptoKey> {
  return webcrypto.subtle.importKey('pkcs8', key.export({ type: 'pkcs8', format: 'der' }), RSA_SHA256, false, ['sign']);
}

function importPublicKey(key: KeyObject): Promise<webcrypto.CryptoKey> {
  return webcrypto.subtle.importKey('spki', key.export({ type: 'spki', format: 'der' }), RSA_SHA256, true, ['verify']);
}

export function randomSerial(): string {
  const b = randomBytes(16);
  b[0] &= 0x7f; // positive INTEGER
  b[0] |= 0x01; // and no leading zero byte
  return b.toString('hex');
}

export async function issueCertificate(o: IssueOptions): Promise<IssuedCert> {
  const publicKey = await importPublicKey(o.keys.publicKey);
  const signingKey = await importSigningKey(o.issuer ? o.issuer.privateKey : o.keys.privateKey);
  const extensions: Extension[] = [
    new BasicConstraintsExtension(o.ca !== undefined, o.ca?.pathLength, true),
    new KeyUsagesExtension(o.keyUsage, true),
    await SubjectKeyIdentifierExtension.create(publicKey),
  ];
  if (o.issuer) extensions.push(await AuthorityKeyIdentifierExtension.create(o.issuer.certificate.peculiar));
  if (o.extendedKeyUsage?.length) extensions.push(new ExtendedKeyUsageExtension(o.extendedKeyUsage, false));
  const cert = await X509CertificateGenerator.create({
    serialNumber: o.serialHex ?? randomSerial(),
    subject: o.subject,
    issuer: o.issuer ? o.issuer.certificate.peculiar.subjectName.toJSON() : o.subject,
    notBefore: o.notBefore,
    notAfter: o.notAfter,
    publicKey,
    signingKey,
    signingAlgorithm: RSA_SHA256,
    extensions,
  });
  return { certificate: new Certificate(Buffer.from(cert.rawData)), privateKey: o.keys.privateKey };
}

export async function issueCrl(
  issuer: IssuedCert,
  revoked: Array<{ serialHex: string; at: Date }>,
  thisUpdate: Date,
  nextUpdate: Date,
): Promise<Buffer> {
  const crl = await X509CrlGenerator.create({
    issuer: issuer.certificate.peculiar.subjectName.toJSON(),
    thisUpdate,
    nextUpdate,
    entries: revoked.map((r) => ({ serialNumber: r.serialHex, revocationDate: r.at })),
    signingKey: await importSigningKey(issuer.privateKey),
    signingAlgorithm: RSA_SHA256,
  });
  return Buffer.from(crl.rawData);
}

export { KeyUsageFlags };
