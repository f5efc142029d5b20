import { EdsFailure, fail } from './eds-error';
import { extractIdentity, type SignerIdentity } from './identity';
import type { OrganisationRole } from './nca-oids';
import { KeyUsageFlags, type Certificate } from './pki/certificate';

/** Who the caller expects to have signed: the sender the message or document claims to be. */
export type ExpectedSigner =
  | { subjectType: 'organisation'; bin: string; roles?: OrganisationRole[] }
  | { subjectType: 'individual'; iin: string };

export type SignaturePurpose = 'document' | 'message';

/**
 * Purpose and identity rules (checklist items 7 and 8). Documents need nonRepudiation (NCA signing
 * keys); gateway messages need digitalSignature. The EKU must say the expected subject type (and
 * one of the expected roles), and the IIN/BIN in the certificate must be the claimed sender.
 */
export function checkSigner(cert: Certificate, purpose: SignaturePurpose, expected: ExpectedSigner): SignerIdentity {
  const needed = purpose === 'document' ? KeyUsageFlags.nonRepudiation : KeyUsageFlags.digitalSignature;
  if (!cert.hasKeyUsage(needed))
    fail(EdsFailure.KEY_USAGE, `certificate lacks ${purpose === 'document' ? 'nonRepudiation' : 'digitalSignature'} key usage`);
  const id = extractIdentity(cert);
  if (id.subjectType !== expected.subjectType)
    fail(EdsFailure.EKU_MISMATCH, `expected an ${expected.subjectType} certificate, EKU says ${id.subjectType ?? 'neither/both'}`);
  if (expected.subjectType === 'organisation') {
    const roles = expected.roles ?? [];
    if (roles.length && !roles.some((r) => id.roles.includes(r)))
      fail(EdsFailure.EKU_MISMATCH, `certificate roles [${id.roles.join(',')}] include none of [${roles.join(',')}]`);
    if (!/^\d{12}$/.test(expected.bin) || id.bin !== expected.bin)
      fail(EdsFailure.IDENTITY_MISMATCH, `certificate BIN ${id.bin ?? '(none)'} is not the claimed sender ${expected.bin}`);
  } else if (!/^\d{12}$/.test(expected.iin) || id.iin !== expected.iin) {
    fail(EdsFailure.IDENTITY_MISMATCH, `certificate IIN ${id.iin ?? '(none)'} is not the claimed signer ${expected.iin}`);
  }
  return id;
}
