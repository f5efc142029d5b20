import { generateKeyPairSync } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonName } from '@peculiar/x509';
import forge from 'node-forge';
import { NCA_OID, OrganisationRole, X509_OID, roleOid } from '../nca-oids';
import type { Certificate } from '../pki/certificate';
import { startOcspResponder, type OcspAnswer, type RunningOcspResponder } from '../pki/ocsp-responder';
import { KeyUsageFlags, issueCertificate, issueCrl, type IssuedCert, type KeyPair } from './issue-certificate';

const DAY = 86_400_000;

export function generateRsaKeys(bits = 2048): KeyPair {
  return generateKeyPairSync('rsa', { modulusLength: bits });
}

export interface LeafOptions {
  kind: 'organisation' | 'individual';
  iin?: string;
  bin?: string;
  organisationName?: string;
  commonName?: string;
  roles?: OrganisationRole[];
  /** replaces the NCA EKU entirely (e.g. a wrong-EKU fixture) */
  extendedKeyUsage?: string[];
  keyUsage?: KeyUsageFlags;
  notBefore?: Date;
  notAfter?: Date;
  issuer?: IssuedCert;
  keys?: KeyPair;
}

export interface DevPkiOptions {
  now?: Date;
  bin?: string;
  iin?: string;
  /** RSA key size; 2048 like NCA. */
  keyBits?: number;
}

/**
 * An NCA-like development PKI: root (pathLen 1) -> intermediate (pathLen 0) -> organisation and
 * individual signing certificates with NCA's identity fields and EKU OIDs, an OCSP signing
 * certificate, CRLs and a local OCSP responder. For local runs and tests only; never the internet.
 */
export class DevPki {
  private readonly revokedByIntermediate = new Map<string, Date>();
  private constructor(
    readonly now: Date,
    readonly root: IssuedCert,
    readonly intermediate: IssuedCert,
    readonly ocspSigner: IssuedCert,
    readonly organisation: IssuedCert,
    readonly individual: IssuedCert,
    /** a key reused for fixture certificates, so tests do not pay for RSA key generation */
    readonly leafKeys: KeyPair,
  ) {}

  static async create(o: DevPkiOptions = {}): Promise<DevPki> {
    const now = o.now ?? new Date();
    const bits = o.keyBits ?? 2048;
    const rootKeys = generateRsaKeys(bits);
    const intKeys = generateRsaKeys(bits);
    const leafKeys = generateRsaKeys(bits);
    const ca = KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign;
    const root = await issueCertificate({
      subject: [{ [X509_OID.commonName]: ['DEV ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) ROOT'] }, { [X509_OID.country]: ['KZ'] }],
      keys: rootKeys,
      notBefore: new Date(now.getTime() - DAY),
      notAfter: new Date(now.getTime() + 3650 * DAY),
      ca: { pathLength: 1 },
      keyUsage: ca,
    });
    const intermediate = await issueCertificate({
      subject: [{ [X509_OID.commonName]: ['DEV ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) 2022'] }, { [X509_OID.country]: ['KZ'] }],
      keys: intKeys,
      issuer: root,
      notBefore: new Date(now.getTime() - DAY),
      notAfter: new Date(now.getTime() + 1825 * DAY),
      ca: { pathLength: 0 },
      keyUsage: ca,
    });
    const ocspSigner = await issueCertificate({
      subject: [{ [X509_OID.commonName]: ['DEV NCA OCSP RESPONDER'] }, { [X509_OID.country]: ['KZ'] }],
      keys: leafKeys,
      issuer: intermediate,
      notBefore: new Date(now.getTime() - DAY),
      notAfter: new Date(now.getTime() + 365 * DAY),
      keyUsage: KeyUsageFlags.digitalSignature,
      extendedKeyUsage: [X509_OID.ocspSigning],
    });
    const pki = new DevPki(now, root, intermediate, ocspSigner, undefined as never, undefined as never, leafKeys);
    const organisation = await pki.issueLeaf({ kind: 'organisation', bin: o.bin, iin: o.iin, roles: [OrganisationRole.HEAD, OrganisationRole.INFORMATION_SYSTEM] });
    const individual = await pki.issueLeaf({ kind: 'individual', iin: o.iin });
    return new DevPki(now, root, intermediate, ocspSigner, organisation, individual, leafKeys);
  }

  static readonly defaultBin = '123456789021';
  static readonly defaultIin = '900101300123';

  /** Issues an NCA-like signing certificate from the intermediate (or `o.issuer`). */
  issueLeaf(o: LeafOptions): Promise<IssuedCert> {
    const iin = o.iin ?? DevPki.defaultIin;
    const subject: JsonName = [
      { [X509_OID.commonName]: [o.commonName ?? (o.kind === 'organisation' ? 'ТЕСТОВ ТЕСТ' : 'ЖЕКЕ ТҰЛҒА')] },
      { [X509_OID.serialNumber]: [`IIN${iin}`] },
      { [X509_OID.country]: ['KZ'] },
    ];
    if (o.kind === 'organisation') {
      subject.push({ [X509_OID.organisation]: [o.organisationName ?? 'ТОО DEV HUB'] });
      subject.push({ [X509_OID.organisationalUnit]: [`BIN${o.bin ?? DevPki.defaultBin}`] });
    }
    const eku =
      o.extendedKeyUsage ??
      (o.kind === 'individual'
        ? [NCA_OID.individual]
        : [NCA_OID.organisation, ...(o.roles ?? [OrganisationRole.MAY_SIGN]).map(roleOid)]);
    return issueCertificate({
      subject,
      keys: o.keys ?? this.leafKeys,
      issuer: o.issuer ?? this.intermediate,
      notBefore: o.notBefore ?? new Date(this.now.getTime() - DAY),
      notAfter: o.notAfter ?? new Date(this.now.getTime() + 365 * DAY),
      keyUsage: o.keyUsage ?? KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation,
      extendedKeyUsage: eku,
    });
  }

  revoke(cert: Certificate, at = this.now): void {
    this.revokedByIntermediate.set(cert.serialHex, at);
  }

  /** CRL of the intermediate (leaf revocations) */
  intermediateCrl(thisUpdate = this.now, nextUpdate = new Date(this.now.getTime() + DAY)): Promise<Buffer> {
    const revoked = [...this.revokedByIntermediate].map(([serialHex, at]) => ({ serialHex, at }));
    return issueCrl(this.intermediate, revoked, thisUpdate, nextUpdate);
  }

  /** CRL of the root (intermediate revocations; none in the dev PKI) */
  rootCrl(thisUpdate = this.now, nextUpdate = new Date(this.now.getTime() + 30 * DAY)): Promise<Buffer> {
    return issueCrl(this.root, [], thisUpdate, nextUpdate);
  }

  ocspStatus(serialHex: string): OcspAnswer {
    const at = this.revokedByIntermediate.get(serialHex);
    return at ? { status: 'revoked', at } : { status: 'good' };
  }

  /** OCSP responder for certificates issued by the intermediate, on 127.0.0.1 and a random port. */
  startOcspResponder(now: () => Date = () => new Date()): Promise<RunningOcspResponder> {
    return startOcspResponder({
      issuer: this.intermediate.certificate,
      signerKey: this.ocspSigner.privateKey,
      signerCert: this.ocspSigner.certificate,
      statusOf: (s) => this.ocspStatus(s),
      now,
    });
  }

  /** Writes PKCS#12 files (key + chain), PEM certificates and DER CRLs into `dir`. */
  async writeTo(dir: string, password: string): Promise<string[]> {
    await mkdir(dir, { recursive: true });
    const chain = [this.intermediate.certificate, this.root.certificate];
    const files: Array<[string, Buffer | string]> = [
      ['root.pem', this.root.certificate.toPem()],
      ['intermediate.pem', this.intermediate.certificate.toPem()],
      ['ocsp-signer.pem', this.ocspSigner.certificate.toPem()],
      ['organisation.pem', this.organisation.certificate.toPem()],
      ['individual.pem', this.individual.certificate.toPem()],
      ['root.crl', await this.rootCrl()],
      ['intermediate.crl', await this.intermediateCrl()],
      ['RSA256_organisation.p12', toPkcs12(this.organisation, chain, password, 'organisation')],
      ['RSA256_individual.p12', toPkcs12(this.individual, chain, password, 'individual')],
      ['ocsp-signer.p12', toPkcs12(this.ocspSigner, chain, password, 'ocsp')],
      ['intermediate.p12', toPkcs12(this.intermediate, [this.root.certificate], password, 'intermediate')],
      ['root.p12', toPkcs12(this.root, [], password, 'root')],
    ];
    for (const [name, data] of files) await writeFile(join(dir, name), data, { mode: name.endsWith('.p12') ? 0o600 : 0o644 });
    return files.map(([n]) => join(dir, n));
  }
}

/** PKCS#12 like NCA's files: the key and its certificate chain, password-protected (3DES, SHA-1 MAC as forge supports). */
export function toPkcs12(cert: IssuedCert, chain: Certificate[], password: string, friendlyName: string): Buffer {
  const key = forge.pki.privateKeyFromPem(cert.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  const certs = [cert.certificate, ...chain].map((c) => forge.pki.certificateFromPem(c.toPem()));
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, password, { algorithm: '3des', friendlyName, generateLocalKeyId: true });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
