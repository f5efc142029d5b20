/**
 * Algorithm-agnostic signing and verification primitives. The XML code only sees URIs, digests
 * and signature bytes, so a GOST-2015 provider (e.g. a call to an external signing service that
 * holds the GOST key) plugs in by implementing these two interfaces — callers do not change.
 */
export interface Signer {
  /** XMLDSig SignatureMethod URI */
  readonly signatureMethod: string;
  /** XMLDSig DigestMethod URI used for references */
  readonly digestMethod: string;
  /** DER of the signing certificate, put into KeyInfo */
  readonly certificate: Buffer;
  digest(data: Buffer): Buffer | Promise<Buffer>;
  /** Signs the canonical SignedInfo octets. */
  sign(data: Buffer): Buffer | Promise<Buffer>;
}

export interface Verifier {
  readonly signatureMethod: string;
  readonly digestMethod: string;
  digest(data: Buffer): Buffer | Promise<Buffer>;
  /** `certificate` has already been validated against the trust anchors when this is called. */
  verify(data: Buffer, signature: Buffer, certificate: Buffer): boolean | Promise<boolean>;
}
