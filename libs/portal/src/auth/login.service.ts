import { EdsError, EdsFailure, type XmlDocumentVerifier } from '@hub/eds';
import { ChallengeFailure, LOGIN_AUDIENCE, challengeDocument, claimedSigner, readChallenge, type LoginRefusalCode } from './login.rules';
import type { PortalSession } from './session';
import type { SessionStore } from './session.repository';

export const MAX_LOGIN_DOCUMENT_BYTES = 64 * 1024;

export type LoginResult =
  | { ok: true; token: string; session: PortalSession }
  | { ok: false; code: LoginRefusalCode; message: string };

/**
 * EDS login the way e-Gov does it: a one-time challenge, signed by the user's NCA key, verified
 * with the full checklist (chain to a pinned anchor, validity, revocation, key usage, EKU subject
 * type and role, identity). Key usage: XmlDocumentVerifier demands nonRepudiation, NCA's signing
 * key (RSA_*), not the authentication key (AUTH_*, digitalSignature). Deliberate: the login binds
 * every check made in the session to the person in the §36 register, which the checked entity
 * sees and the checker receives signed certificates of; that is a legally attributable act, and
 * an employee's authentication-only key, which by design has no signing rights, cannot make it.
 */
export class LoginService {
  constructor(private readonly sessions: SessionStore, private readonly verifier: XmlDocumentVerifier, private readonly clock: () => Date) {}

  async challenge(): Promise<{ nonce: string; audience: string; expiresAt: string; document: string }> {
    const now = this.clock();
    const { nonce, expiresAt } = await this.sessions.issueChallenge(now);
    return { nonce, audience: LOGIN_AUDIENCE, expiresAt: expiresAt.toISOString(), document: challengeDocument(nonce, now, expiresAt) };
  }

  async login(signedXml: string): Promise<LoginResult> {
    if (Buffer.byteLength(signedXml, 'utf8') > MAX_LOGIN_DOCUMENT_BYTES) return { ok: false, code: EdsFailure.DOCUMENT_TOO_LARGE, message: 'the signed challenge is too large' };
    const expected = claimedSigner(signedXml);
    if (typeof expected === 'string') return { ok: false, code: expected, message: 'the certificate in KeyInfo names no individual or person-of-an-organisation subject' };
    let verified;
    try {
      verified = await this.verifier.verify(signedXml, expected);
    } catch (error) {
      if (error instanceof EdsError) return { ok: false, code: error.code, message: error.message };
      throw error;
    }
    const challenge = readChallenge(verified.element);
    if (typeof challenge === 'string') return { ok: false, code: challenge, message: 'the signed document is not this portal\'s login challenge' };
    const now = this.clock();
    if (!(await this.sessions.consumeChallenge(challenge.nonce, now)))
      return { ok: false, code: ChallengeFailure.CHALLENGE_UNKNOWN, message: 'the challenge was never issued, was already used or has expired: ask for a new one' };
    const id = verified.signer;
    if (!id.iin) return { ok: false, code: EdsFailure.IDENTITY_MISMATCH, message: 'the certificate names no IIN' };
    const opened = await this.sessions.open(
      {
        subjectType: id.subjectType === 'organisation' ? 'organisation' : 'individual',
        iin: id.iin,
        bin: id.subjectType === 'organisation' ? (id.bin ?? null) : null,
        roles: id.roles,
        commonName: id.commonName ?? null,
        organisation: id.organisationName ?? null,
      },
      verified.certificate.serialHex,
      now,
    );
    return { ok: true, ...opened };
  }
}
