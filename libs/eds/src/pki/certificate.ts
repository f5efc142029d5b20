// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import { X509Certificate as NodeX509, createHash, type KeyObject } from 'node:crypto';
import {
  BasicConstraintsExtension,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  X509Certificate as PeculiarX509,
} from '@peculiar/x509';
import { EdsFailure, fail } from '../eds-error';

/**
 * A parsed certificate. Node's X509Certificate (OpenSSL) does the signature and issuer checks
 * synchronously and fast; @peculiar/x509 reads the extensions Node does not expose (pathLen,
 * keyUsage bits, arbitrary EKU OIDs). Parse once, keep it: parsing dominates a cold verification.
 */
export class Certificate {
  readonly node: NodeX509;
  readonly peculiar: PeculiarX509;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly serialHex: string;
  readonly isCa: boolean;
  readonly pathLength: number | undefined;
  /** undefined when the certificate has no keyUsage extension at all */
  readonly keyUsage: number | undefined;
  readonly extendedKeyUsage: readonly string[];
  readonly signatureHash: string | undefined;
  private fingerprintCache?: string;

  constructor(readonly der: Buffer) {
    try {
      this.node = new NodeX509(der);
      this.peculiar = new PeculiarX509(der);
    } catch (e) {
      fail(EdsFailure.CERTIFICATE_MALFORMED, `cannot parse certificate: ${(e as Error).message}`);
    }
    this.notBefore = this.peculiar.notBefore;
    this.notAfter = this.peculiar.notAfter;
    this.serialHex = normaliseSerial(this.node.serialNumber);
    const bc = this.peculiar.getExtension(BasicConstraintsExtension);
    this.isCa = bc?.ca === true;
    this.pathLength = bc?.pathLength;
    this.keyUsage = this.peculiar.getExtension(KeyUsagesExtension)?.usages;
    const eku = this.peculiar.getExtension(ExtendedKeyUsageExtension);
    this.extendedKeyUsage = eku ? eku.usages.map(String) : [];
    const alg = this.peculiar.signatureAlgorithm as { hash?: { name?: string } };
    this.signatureHash = alg.hash?.name;
  }

  /**
   * Parsed certificates are shared by their base64 text: the same few signers send most messages
   * and parsing (two ASN.1 decoders) costs more than the rest of a verification.
   */
  static fromBase64(b64: string): Certificate {
    const clean = b64.replace(/\s+/g, '');
    const hit = parsedByBase64.get(clean);
    if (hit) return hit;
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(clean)) fail(EdsFailure.CERTIFICATE_MALFORMED, 'certificate is not base64');
    const cert = new Certificate(Buffer.from(clean, 'base64'));
    if (parsedByBase64.size >= 1000) parsedByBase64.clear();
    parsedByBase64.set(clean, cert);
    return cert;
  }

  static fromPem(pem: string): Certificate {
    return new Certificate(Buffer.from(new NodeX509(pem).raw));
  }

  get publicKey(): KeyObject {
    return this.node.publicKey;
  }

  get subject(): string {
    return this.node.subject;
  }

  get fingerprint(): string {
    this.fingerprintCache ??= createHash('sha256').update(this.der).digest('hex');
    return this.fingerprintCache;
  }

  hasKeyUsage(flag: KeyUsageFlags): boolean {
    return this.keyUsage !== undefined && (this.keyUsage & flag) !== 0;
  }

  /** Issuer name matches and the issuer's key verifies this certificate's signature. */
  isIssuedBy(issuer: Certificate): boolean {
    return this.node.checkIssued(issuer.node) && this.node.verify(issuer.publicKey);
  }

  subjectField(oid: string): string[] {
    return this.peculiar.subjectName.getField(oid);
  }

  toPem(): string {
    return this.node.toString();
  }
}

const parsedByBase64 = new Map<string, Certificate>();

export function normaliseSerial(hex: string): string {
  const s = hex.replace(/[^0-9a-fA-F]/g, '').toLowerCase().replace(/^0+/, '');
  return s === '' ? '0' : s;
}

export { KeyUsageFlags };
