import { timingSafeEqual } from 'node:crypto';
import { EdsFailure, fail } from './eds-error';
import type { SignerIdentity } from './identity';
import { Certificate } from './pki/certificate';
import type { RevocationChecker } from './pki/revocation';
import type { CertificatePath, TrustStore } from './pki/trust-store';
import { RsaSha256Verifier } from './rsa-sha256';
import { checkSigner, type ExpectedSigner, type SignaturePurpose } from './signer-policy';
import type { Verifier } from './signer';
import { DEFAULT_MAX_BYTES } from './xml/safe-parse';
import type { SignatureInfo } from './xml/signature-reader';

export interface VerifierOptions {
  trust: TrustStore;
  revocation: RevocationChecker;
  /** signature algorithms accepted (default RSA-SHA256 only); add a GOST-2015 Verifier here */
  algorithms?: Verifier[];
  /** the clock; rules never read the global one */
  now?: () => Date;
  maxBytes?: number;
}

export interface VerifiedSigner {
  identity: SignerIdentity;
  certificate: Certificate;
  path: CertificatePath;
}

/** The checks shared by documents and gateway messages once the reference has been resolved. */
export class SignatureChecks {
  readonly now: () => Date;
  readonly maxBytes: number;
  private readonly bySignatureMethod: Map<string, Verifier>;

  constructor(private readonly options: VerifierOptions) {
    this.now = options.now ?? (() => new Date());
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const algs = options.algorithms ?? [new RsaSha256Verifier()];
    this.bySignatureMethod = new Map(algs.map((a) => [a.signatureMethod, a]));
  }

  /** Algorithm allow-list, before any work is done on the content. */
  verifierFor(info: SignatureInfo): Verifier {
    const v = this.bySignatureMethod.get(info.signatureMethod);
    if (!v) fail(EdsFailure.ALGORITHM_NOT_ALLOWED, `signature method ${info.signatureMethod}`);
    for (const r of info.references)
      if (r.digestMethod !== v.digestMethod) fail(EdsFailure.ALGORITHM_NOT_ALLOWED, `digest method ${r.digestMethod} with ${v.signatureMethod}`);
    return v;
  }

  async check(args: {
    info: SignatureInfo;
    verifier: Verifier;
    signedInfoOctets: string;
    referenceOctets: string;
    certificates: Certificate[];
    purpose: SignaturePurpose;
    expected: ExpectedSigner;
    now: Date;
  }): Promise<VerifiedSigner> {
    const { info, verifier, now } = args;
    const [leaf, ...extra] = args.certificates;
    // The KeyInfo certificate is used for nothing before it chains to a pinned anchor.
    const path = this.options.trust.validate(leaf, now, extra);

    const digest = await verifier.digest(Buffer.from(args.referenceOctets, 'utf8'));
    const claimed = info.references[0].digestValue;
    if (digest.length !== claimed.length || !timingSafeEqual(digest, claimed)) fail(EdsFailure.DIGEST_MISMATCH, 'signed content was changed');
    if (!(await verifier.verify(Buffer.from(args.signedInfoOctets, 'utf8'), info.signatureValue, leaf.der)))
      fail(EdsFailure.SIGNATURE_INVALID, 'SignatureValue does not verify with the certificate');

    const identity = checkSigner(leaf, args.purpose, args.expected);

    const certs = path.certificates;
    for (let i = 0; i < certs.length - 1; i++) {
      const r = await this.options.revocation.check(certs[i], certs[i + 1], now);
      if (r.status === 'revoked') fail(EdsFailure.REVOKED, `"${certs[i].subject}": ${r.detail}`);
      if (r.status !== 'good')
        fail(EdsFailure.REVOCATION_UNAVAILABLE, `"${certs[i].subject}": ${r.status === 'unavailable' ? r.detail : 'no revocation source'}`);
    }
    return { identity, certificate: leaf, path };
  }
}
