import { Certificate, EdsFailure, OrganisationRole, el, extractIdentity, renderCanonical, type ExpectedSigner, type SignerIdentity } from '@hub/eds';

/** Namespace of the portal's login documents. */
export const PORTAL_NS = 'urn:kz:bpr-hub:portal:v1';
/** Who the signed challenge is for: a signature made for another service cannot log in here. */
export const LOGIN_AUDIENCE = 'BPR-HUB-PORTAL';

/** Why a login was refused: the EDS checklist codes plus the challenge's own. */
export enum ChallengeFailure {
  CHALLENGE_MALFORMED = 'CHALLENGE_MALFORMED',
  CHALLENGE_UNKNOWN = 'CHALLENGE_UNKNOWN',
  AUDIENCE_MISMATCH = 'AUDIENCE_MISMATCH',
}
export type LoginRefusalCode = EdsFailure | ChallengeFailure;

/**
 * Organisation roles that may log in as a person. An information system's certificate is a
 * machine's (NDIP §24): it signs messages, it does not browse the register, so it is refused as
 * EKU_MISMATCH like any certificate whose EKU says neither subject type.
 */
export const PERSON_ROLES: readonly OrganisationRole[] = [
  OrganisationRole.HEAD, OrganisationRole.MAY_SIGN, OrganisationRole.FINANCIAL, OrganisationRole.HR, OrganisationRole.EMPLOYEE,
];

/**
 * Roles that speak for the organisation: they see who checked it (BPR §36). A head signs for the
 * company by law; MAY_SIGN is NCA's "authorised to sign" role, the "authorized person".
 */
export const SPEAKS_FOR_ORGANISATION: readonly OrganisationRole[] = [OrganisationRole.HEAD, OrganisationRole.MAY_SIGN];

/** The document the user signs: canonical (exc-c14n) text, so a browser can digest it as given. */
export function challengeDocument(nonce: string, issuedAt: Date, expiresAt: Date): string {
  return renderCanonical(
    el('portal:LoginChallenge', { 'xmlns:portal': PORTAL_NS }, [
      el('portal:Nonce', {}, [nonce]),
      el('portal:Audience', {}, [LOGIN_AUDIENCE]),
      el('portal:IssuedAt', {}, [issuedAt.toISOString()]),
      el('portal:ExpiresAt', {}, [expiresAt.toISOString()]),
    ]),
  );
}

/**
 * Who the signer claims to be, read from the first certificate in KeyInfo before verification.
 * The verifier then proves it: the certificate that verifies must carry this IIN/BIN, its chain,
 * validity, revocation, key usage and EKU are checked as for any signed document.
 * Returns a refusal code when the certificate says neither (or both) subject types.
 */
export function claimedSigner(signedXml: string): ExpectedSigner | EdsFailure {
  const m = /<(?:[A-Za-z_][\w.-]*:)?X509Certificate>([A-Za-z0-9+/=\s]+)<\/(?:[A-Za-z_][\w.-]*:)?X509Certificate>/.exec(signedXml);
  if (!m) return EdsFailure.SIGNATURE_STRUCTURE;
  let id: SignerIdentity;
  try {
    id = extractIdentity(Certificate.fromBase64(m[1].replace(/\s+/g, '')));
  } catch {
    return EdsFailure.CERTIFICATE_MALFORMED;
  }
  if (id.subjectType === 'organisation') return { subjectType: 'organisation', bin: id.bin ?? '', roles: [...PERSON_ROLES] };
  if (id.subjectType === 'individual') return { subjectType: 'individual', iin: id.iin ?? '' };
  return EdsFailure.EKU_MISMATCH;
}

/** The nonce and audience of a verified challenge document (its Signature already removed). */
export function readChallenge(root: { namespaceURI: string | null; localName: string | null; getElementsByTagNameNS(ns: string, name: string): { length: number; item(i: number): { textContent: string | null } | null } }): { nonce: string; audience: string } | ChallengeFailure {
  if (root.namespaceURI !== PORTAL_NS || root.localName !== 'LoginChallenge') return ChallengeFailure.CHALLENGE_MALFORMED;
  const one = (name: string) => {
    const list = root.getElementsByTagNameNS(PORTAL_NS, name);
    return list.length === 1 ? (list.item(0)?.textContent ?? '') : null;
  };
  const nonce = one('Nonce');
  const audience = one('Audience');
  if (!nonce || audience === null || !/^[A-Za-z0-9_-]{32,64}$/.test(nonce)) return ChallengeFailure.CHALLENGE_MALFORMED;
  if (audience !== LOGIN_AUDIENCE) return ChallengeFailure.AUDIENCE_MISMATCH;
  return { nonce, audience };
}
