import { EdsFailure, fail } from '../eds-error';
import { Certificate, KeyUsageFlags } from './certificate';

export interface TrustConfig {
  /** pinned trust anchors (NCA roots), DER or PEM */
  anchors: Array<Buffer | string>;
  /** intermediate CA certificates we may build paths through (they are not trusted by themselves) */
  intermediates?: Array<Buffer | string>;
  maxPathLength?: number;
}

/** A validated path, leaf first, the pinned anchor last. */
export interface CertificatePath {
  certificates: Certificate[];
  /** the validity window shared by all certificates in the path */
  validFrom: Date;
  validTo: Date;
}

const WEAK_HASHES = new Set(['SHA-1', 'MD5', 'MD2']);

function toCert(c: Buffer | string): Certificate {
  return typeof c === 'string' ? Certificate.fromPem(c) : new Certificate(c);
}

/**
 * Builds and validates certificate paths to the pinned anchors (RFC 5280 subset that matters here:
 * signatures, validity, basicConstraints cA + pathLen, keyCertSign on every CA). Results are
 * cached per leaf with the window in which they hold, so a cache hit still honours expiry exactly;
 * revocation is not part of this cache and is checked on every verification.
 */
export class TrustStore {
  private readonly anchors: Certificate[];
  private readonly intermediates: Certificate[];
  private readonly maxPath: number;
  private readonly cache = new Map<string, CertificatePath>();

  constructor(config: TrustConfig) {
    this.anchors = config.anchors.map(toCert);
    this.intermediates = (config.intermediates ?? []).map(toCert);
    this.maxPath = config.maxPathLength ?? 5;
    if (this.anchors.length === 0) throw new Error('TrustStore needs at least one trust anchor');
  }

  /** Validates `leaf` at `at`; `extra` are untrusted certificates the message brought along. */
  validate(leaf: Certificate, at: Date, extra: Certificate[] = []): CertificatePath {
    const cached = this.cache.get(leaf.fingerprint);
    if (cached && extra.length === 0 && cached.validFrom <= at && at <= cached.validTo) return cached;
    const path = this.build(leaf, extra);
    this.check(path, at);
    let validFrom = path[0].notBefore;
    let validTo = path[0].notAfter;
    for (const c of path) {
      if (c.notBefore > validFrom) validFrom = c.notBefore;
      if (c.notAfter < validTo) validTo = c.notAfter;
    }
    const result = { certificates: path, validFrom, validTo };
    if (this.cache.size >= 10_000) this.cache.clear();
    this.cache.set(leaf.fingerprint, result);
    return result;
  }

  private build(leaf: Certificate, extra: Certificate[]): Certificate[] {
    const path = [leaf];
    const pool = [...this.intermediates, ...extra];
    for (let current = leaf; ; ) {
      if (this.anchors.some((a) => a.der.equals(current.der))) return path;
      // Anchors first: the shortest path to a pinned root wins over anything a message brings.
      const issuer = this.anchors.find((a) => current.isIssuedBy(a)) ?? pool.find((c) => !path.includes(c) && current.isIssuedBy(c));
      if (!issuer) fail(EdsFailure.UNTRUSTED_CHAIN, `no trusted issuer for "${current.subject}"`);
      path.push(issuer);
      if (path.length > this.maxPath + 1) fail(EdsFailure.UNTRUSTED_CHAIN, 'certificate path too long');
      current = issuer;
    }
  }

  private check(path: Certificate[], at: Date): void {
    for (let i = 0; i < path.length; i++) {
      const c = path[i];
      if (at < c.notBefore) fail(EdsFailure.CERT_NOT_YET_VALID, `"${c.subject}" valid from ${c.notBefore.toISOString()}`);
      if (at > c.notAfter) fail(EdsFailure.CERT_EXPIRED, `"${c.subject}" expired ${c.notAfter.toISOString()}`);
      const isAnchor = i === path.length - 1;
      if (!isAnchor && c.signatureHash && WEAK_HASHES.has(c.signatureHash.toUpperCase()))
        fail(EdsFailure.ALGORITHM_NOT_ALLOWED, `"${c.subject}" is signed with ${c.signatureHash}`);
      if (i === 0) continue;
      if (!c.isCa) fail(EdsFailure.CA_CONSTRAINTS, `"${c.subject}" is not a CA (basicConstraints)`);
      if (!c.hasKeyUsage(KeyUsageFlags.keyCertSign)) fail(EdsFailure.CA_CONSTRAINTS, `"${c.subject}" may not sign certificates (keyCertSign)`);
      // pathLen counts the CA certificates that may follow this one, the leaf excluded.
      const below = i - 1;
      if (c.pathLength !== undefined && below > c.pathLength)
        fail(EdsFailure.CA_CONSTRAINTS, `"${c.subject}" pathLenConstraint ${c.pathLength} exceeded`);
    }
  }
}
