/**
 * Why a signature, document or key was refused. Callers branch on the code (and map it to protocol
 * error responses); the message is for logs and never carries secrets.
 */
export enum EdsFailure {
  MALFORMED_XML = 'MALFORMED_XML',
  DOCUMENT_TOO_LARGE = 'DOCUMENT_TOO_LARGE',
  DTD_FORBIDDEN = 'DTD_FORBIDDEN',
  COMMENT_OR_PI_FORBIDDEN = 'COMMENT_OR_PI_FORBIDDEN',
  SIGNATURE_COUNT = 'SIGNATURE_COUNT',
  SIGNEDINFO_COUNT = 'SIGNEDINFO_COUNT',
  SIGNATURE_STRUCTURE = 'SIGNATURE_STRUCTURE',
  ALGORITHM_NOT_ALLOWED = 'ALGORITHM_NOT_ALLOWED',
  REFERENCE_MISMATCH = 'REFERENCE_MISMATCH',
  DIGEST_MISMATCH = 'DIGEST_MISMATCH',
  SIGNATURE_INVALID = 'SIGNATURE_INVALID',
  CERTIFICATE_MALFORMED = 'CERTIFICATE_MALFORMED',
  UNTRUSTED_CHAIN = 'UNTRUSTED_CHAIN',
  CA_CONSTRAINTS = 'CA_CONSTRAINTS',
  CERT_EXPIRED = 'CERT_EXPIRED',
  CERT_NOT_YET_VALID = 'CERT_NOT_YET_VALID',
  KEY_USAGE = 'KEY_USAGE',
  EKU_MISMATCH = 'EKU_MISMATCH',
  REVOKED = 'REVOKED',
  REVOCATION_UNAVAILABLE = 'REVOCATION_UNAVAILABLE',
  IDENTITY_MISMATCH = 'IDENTITY_MISMATCH',
  MESSAGE_INFO_MISSING = 'MESSAGE_INFO_MISSING',
  REPLAY = 'REPLAY',
  KEY_LOAD_FAILED = 'KEY_LOAD_FAILED',
}

export class EdsError extends Error {
  constructor(
    readonly code: EdsFailure,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'EdsError';
  }
}

export function fail(code: EdsFailure, message: string): never {
  throw new EdsError(code, message);
}
