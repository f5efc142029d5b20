import { DOMParser } from '@xmldom/xmldom';
import { DevPki, EdsFailure, OrganisationRole, toPkcs12, loadPkcs12, RsaSha256Signer, XmlDocumentSigner } from '@hub/eds';
import { ChallengeFailure, LOGIN_AUDIENCE, PERSON_ROLES, challengeDocument, claimedSigner, readChallenge } from './login.rules';
import { ownSubject, type PortalSession } from './session';

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml').documentElement!;

describe('login rules', () => {
  const now = new Date('2026-12-01T10:00:00Z');

  it('the challenge document is canonical and reads back', () => {
    const doc = challengeDocument('n'.repeat(43), now, new Date(now.getTime() + 60_000));
    expect(doc).toBe(`<portal:LoginChallenge xmlns:portal="urn:kz:bpr-hub:portal:v1"><portal:Nonce>${'n'.repeat(43)}</portal:Nonce><portal:Audience>${LOGIN_AUDIENCE}</portal:Audience><portal:IssuedAt>2026-12-01T10:00:00.000Z</portal:IssuedAt><portal:ExpiresAt>2026-12-01T10:01:00.000Z</portal:ExpiresAt></portal:LoginChallenge>`);
    expect(readChallenge(parse(doc) as never)).toEqual({ nonce: 'n'.repeat(43), audience: LOGIN_AUDIENCE });
  });

  it('refuses another audience, a short nonce and another document', () => {
    const doc = challengeDocument('n'.repeat(43), now, now);
    expect(readChallenge(parse(doc.replace(LOGIN_AUDIENCE, 'OTHER')) as never)).toBe(ChallengeFailure.AUDIENCE_MISMATCH);
    expect(readChallenge(parse(challengeDocument('short', now, now)) as never)).toBe(ChallengeFailure.CHALLENGE_MALFORMED);
    expect(readChallenge(parse('<x xmlns="urn:other"/>') as never)).toBe(ChallengeFailure.CHALLENGE_MALFORMED);
  });

  it('reads the claimed signer from KeyInfo: individual by IIN, a person of an organisation by BIN and person roles, a system by nothing', async () => {
    const pki = await DevPki.create({ now: new Date(), bin: '210740000011' });
    const sign = async (leaf: Awaited<ReturnType<DevPki['issueLeaf']>>) => {
      const key = loadPkcs12(toPkcs12(leaf, [pki.intermediate.certificate], 'pw', 'k'), 'pw');
      return new XmlDocumentSigner(new RsaSha256Signer(key.privateKey, key.certificate.der)).signXml(challengeDocument('n'.repeat(43), now, now));
    };
    const person = await pki.issueLeaf({ kind: 'individual', iin: '850302300124' });
    expect(claimedSigner(await sign(person))).toEqual({ subjectType: 'individual', iin: '850302300124' });
    const head = await pki.issueLeaf({ kind: 'organisation', bin: '150340000044', iin: '791115400213', roles: [OrganisationRole.HEAD] });
    expect(claimedSigner(await sign(head))).toEqual({ subjectType: 'organisation', bin: '150340000044', roles: [...PERSON_ROLES] });
    expect(PERSON_ROLES).not.toContain(OrganisationRole.INFORMATION_SYSTEM);
    expect(claimedSigner('<x/>')).toBe(EdsFailure.SIGNATURE_STRUCTURE);
  });

  it('the subject a session speaks for: an individual\'s IIN; an organisation\'s BIN only for its head or authorised signer', () => {
    const base: PortalSession = { subjectType: 'organisation', iin: '791115400213', bin: '150340000044', roles: ['HEAD'], commonName: null, organisation: null, createdAt: now, expiresAt: now };
    const speaks = ['HEAD', 'MAY_SIGN'];
    expect(ownSubject(base, speaks)).toBe('150340000044');
    expect(ownSubject({ ...base, roles: ['EMPLOYEE'] }, speaks)).toBeNull();
    expect(ownSubject({ ...base, subjectType: 'individual', bin: null, roles: [] }, speaks)).toBe('791115400213');
  });
});
