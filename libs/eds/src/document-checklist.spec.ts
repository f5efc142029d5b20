import { createSign } from 'node:crypto';
import {
  DevPki,
  EdsFailure,
  KeyUsageFlagsForTests,
  OrganisationRole,
  TrustStore,
  XmlDocumentSigner,
  el,
  type ExpectedSigner,
  type IssuedCert,
} from './testing-exports';
import { createPki, crlRevocation, documentVerifier, sampleDocument, signerOf, xmlCryptoSign } from '../test/eds-fixtures';

const ORG: ExpectedSigner = { subjectType: 'organisation', bin: DevPki.defaultBin };
const DAY = 86_400_000;

/** One negative test per item of the verifier's checklist (EDS-NOTES.md), documents. */
describe('document verifier checklist', () => {
  let pki: DevPki;
  let signed: string;
  beforeAll(async () => {
    pki = await createPki();
    signed = await new XmlDocumentSigner(signerOf(pki.organisation)).sign(sampleDocument(1500));
  });

  const verify = (xml: string, expected: ExpectedSigner = ORG, v = documentVerifier(pki)) => v.verify(xml, expected);
  const rejects = (p: Promise<unknown>, code: EdsFailure) => expect(p).rejects.toMatchObject({ code });
  const signWith = async (c: IssuedCert) => new XmlDocumentSigner(signerOf(c)).sign(sampleDocument(600));

  it('baseline: the unmodified document verifies', async () => {
    await expect(verify(signed)).resolves.toBeDefined();
  });

  describe('1. safe parsing', () => {
    it('rejects a DTD with entities', () =>
      rejects(verify(`<!DOCTYPE r [<!ENTITY x "y">]>${signed.replace('<r:Report', '<r:Report')}`), EdsFailure.DTD_FORBIDDEN));
    it('rejects an external entity', () =>
      rejects(verify(`<!DOCTYPE r SYSTEM "file:///etc/passwd">${signed}`), EdsFailure.DTD_FORBIDDEN));
    it('rejects a comment inside DigestValue', () =>
      rejects(verify(signed.replace(/(<ds:DigestValue>[^<]{4})/, '$1<!-- x -->')), EdsFailure.COMMENT_OR_PI_FORBIDDEN));
    it('rejects a comment in the signed content', () =>
      rejects(verify(signed.replace('<r:Rows>', '<r:Rows><!--c-->')), EdsFailure.COMMENT_OR_PI_FORBIDDEN));
    it('rejects a processing instruction', () =>
      rejects(verify(signed.replace('<r:Rows>', '<r:Rows><?pi x?>')), EdsFailure.COMMENT_OR_PI_FORBIDDEN));
    it('rejects a document over the size cap', () =>
      rejects(
        new (documentVerifier(pki).constructor as typeof import('./document-verifier').XmlDocumentVerifier)({
          trust: new TrustStore({ anchors: [pki.root.certificate.der] }),
          revocation: crlRevocation(pki),
          maxBytes: 1000,
        }).verify(signed, ORG),
        EdsFailure.DOCUMENT_TOO_LARGE,
      ));
    it('rejects malformed XML', () => rejects(verify(signed.slice(0, -5)), EdsFailure.MALFORMED_XML));
  });

  describe('2. exactly one Signature and one SignedInfo', () => {
    it('rejects a second SignedInfo', () =>
      rejects(verify(signed.replace('</ds:SignatureValue>', '</ds:SignatureValue><ds:SignedInfo></ds:SignedInfo>')), EdsFailure.SIGNEDINFO_COUNT));
    it('rejects a second Signature', () => {
      const sig = /<ds:Signature [\s\S]*<\/ds:Signature>/.exec(signed)![0];
      return rejects(verify(signed.replace('<r:Rows>', `<r:Rows>${sig}`)), EdsFailure.SIGNATURE_COUNT);
    });
    it('rejects an unsigned document', () =>
      rejects(verify(signed.replace(/<ds:Signature [\s\S]*<\/ds:Signature>/, '')), EdsFailure.SIGNATURE_COUNT));
    it('rejects a ds:Object smuggled into the Signature', () =>
      rejects(verify(signed.replace('</ds:KeyInfo>', '</ds:KeyInfo><ds:Object>x</ds:Object>')), EdsFailure.SIGNATURE_STRUCTURE));
  });

  describe('3. algorithm allow-list', () => {
    it('rejects a SHA-1 downgrade even when the SHA-1 signature is cryptographically valid', async () => {
      const sha1 = xmlCryptoSign('<a:Doc xmlns:a="urn:a"><a:v>1</a:v></a:Doc>', pki.organisation, 'sha1');
      await rejects(verify(sha1), EdsFailure.ALGORITHM_NOT_ALLOWED);
    });
    it('rejects SHA-1 as digest with an RSA-SHA256 signature method', () =>
      rejects(
        verify(signed.replace('http://www.w3.org/2001/04/xmlenc#sha256', 'http://www.w3.org/2000/09/xmldsig#sha1')),
        EdsFailure.ALGORITHM_NOT_ALLOWED,
      ));
    it('rejects HMAC', () =>
      rejects(
        verify(signed.replace('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', 'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256')),
        EdsFailure.ALGORITHM_NOT_ALLOWED,
      ));
    it('rejects an XPath transform', () =>
      rejects(
        verify(
          signed.replace(
            '<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"></ds:Transform>',
            '<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"><ds:XPath>not(ancestor-or-self::r:Rows)</ds:XPath></ds:Transform>',
          ),
        ),
        EdsFailure.ALGORITHM_NOT_ALLOWED,
      ));
    it('rejects an XSLT transform', () =>
      rejects(
        verify(
          signed.replace(
            '<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"></ds:Transform>',
            '<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xslt-19991116"></ds:Transform>',
          ),
        ),
        EdsFailure.ALGORITHM_NOT_ALLOWED,
      ));
  });

  describe('4. the reference covers exactly the consumed element (no wrapping)', () => {
    it('wrapping: the signed document moved under an attacker root', () =>
      rejects(verify(`<evil:Wrapper xmlns:evil="urn:evil"><evil:Pay>1000000</evil:Pay>${signed}</evil:Wrapper>`), EdsFailure.REFERENCE_MISMATCH));
    it('wrapping: content added next to the signed content', () =>
      rejects(verify(signed.replace('</r:Report>', '<r:Row n="x"><r:Amount>999999</r:Amount></r:Row></r:Report>')), EdsFailure.DIGEST_MISMATCH));
    it('rejects a reference to an element id instead of the whole document', () =>
      rejects(verify(signed.replace('<ds:Reference URI="">', '<ds:Reference URI="#rep-1">')), EdsFailure.REFERENCE_MISMATCH));
    it('rejects a reference without the enveloped-signature transform', () =>
      rejects(
        verify(signed.replace('<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"></ds:Transform>', '')),
        EdsFailure.REFERENCE_MISMATCH,
      ));
    it('rejects a forged SignatureValue', () => {
      const forged = signed.replace(/<ds:SignatureValue>([A-Za-z0-9+/]{10})/, (_m, s: string) => `<ds:SignatureValue>${s.split('').reverse().join('')}`);
      return rejects(verify(forged), EdsFailure.SIGNATURE_INVALID);
    });
  });

  describe('5. chain to the pinned anchor', () => {
    it('rejects a certificate from an untrusted root, even with an identical subject', async () => {
      const other = await DevPki.create();
      await rejects(verify(await signWith(other.organisation)), EdsFailure.UNTRUSTED_CHAIN);
    });
    it('rejects a self-signed leaf', async () => {
      const self = await issueSelfSigned(pki);
      await rejects(verify(await signWith(self)), EdsFailure.UNTRUSTED_CHAIN);
    });
    it('rejects an expired certificate', async () => {
      const c = await pki.issueLeaf({ kind: 'organisation', notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) });
      await rejects(verify(await signWith(c)), EdsFailure.CERT_EXPIRED);
    });
    it('rejects a not-yet-valid certificate', async () => {
      const c = await pki.issueLeaf({ kind: 'organisation', notBefore: new Date(Date.now() + DAY), notAfter: new Date(Date.now() + 30 * DAY) });
      await rejects(verify(await signWith(c)), EdsFailure.CERT_NOT_YET_VALID);
    });
    it('rejects a leaf issued by a certificate without keyCertSign', async () => {
      const c = await pki.issueLeaf({ kind: 'organisation', issuer: pki.individual });
      const trust = new TrustStore({ anchors: [pki.root.certificate.der], intermediates: [pki.intermediate.certificate.der, pki.individual.certificate.der] });
      await rejects(verify(await signWith(c), ORG, documentVerifier(pki, { trust })), EdsFailure.UNTRUSTED_CHAIN);
    });
    it('rejects a leaf issued by a certificate with keyCertSign but without basicConstraints cA', async () => {
      const { issueCertificate } = await import('./dev-pki/issue-certificate');
      const notCa = await issueCertificate({
        subject: [{ '2.5.4.3': ['NOT A CA'] }],
        keys: pki.leafKeys,
        issuer: pki.intermediate,
        notBefore: new Date(Date.now() - DAY),
        notAfter: new Date(Date.now() + DAY),
        keyUsage: KeyUsageFlagsForTests.keyCertSign | KeyUsageFlagsForTests.digitalSignature | KeyUsageFlagsForTests.nonRepudiation,
      });
      const c = await pki.issueLeaf({ kind: 'organisation', issuer: notCa });
      const trust = new TrustStore({ anchors: [pki.root.certificate.der], intermediates: [pki.intermediate.certificate.der, notCa.certificate.der] });
      await rejects(verify(await signWith(c), ORG, documentVerifier(pki, { trust })), EdsFailure.CA_CONSTRAINTS);
    });
    it('enforces pathLen: the intermediate (pathLen 0) may not issue a sub-CA', async () => {
      const subCa = await pki.issueLeaf({ kind: 'organisation', keyUsage: KeyUsageFlagsForTests.keyCertSign });
      // issueLeaf makes end-entity certs; build a CA below the intermediate by hand
      const { issueCertificate } = await import('./dev-pki/issue-certificate');
      const ca = await issueCertificate({
        subject: [{ '2.5.4.3': ['SUB CA'] }],
        keys: pki.leafKeys,
        issuer: pki.intermediate,
        notBefore: new Date(Date.now() - DAY),
        notAfter: new Date(Date.now() + DAY),
        ca: {},
        keyUsage: KeyUsageFlagsForTests.keyCertSign,
      });
      const leaf = await pki.issueLeaf({ kind: 'organisation', issuer: ca });
      const trust = new TrustStore({ anchors: [pki.root.certificate.der], intermediates: [pki.intermediate.certificate.der, ca.certificate.der] });
      expect(subCa.certificate.isCa).toBe(false);
      await rejects(verify(await signWith(leaf), ORG, documentVerifier(pki, { trust })), EdsFailure.CA_CONSTRAINTS);
    });
    it('checks validity with the injected clock, not the global one', () =>
      rejects(verify(signed, ORG, documentVerifier(pki, { now: () => new Date(Date.now() + 400 * DAY) })), EdsFailure.CERT_EXPIRED));
  });

  describe('6. revocation (CRL)', () => {
    it('rejects a certificate revoked by CRL', async () => {
      const c = await pki.issueLeaf({ kind: 'organisation' });
      pki.revoke(c.certificate);
      await rejects(verify(await signWith(c), ORG, documentVerifier(pki, { revocation: crlRevocation(pki) })), EdsFailure.REVOKED);
    });
    it('rejects when the CRL is stale', async () => {
      const stale = () => pki.intermediateCrl(new Date(Date.now() - 3 * DAY), new Date(Date.now() - DAY));
      await rejects(verify(signed, ORG, documentVerifier(pki, { revocation: crlRevocation(pki, stale) })), EdsFailure.REVOCATION_UNAVAILABLE);
    });
    it('rejects when the CRL is signed by another key', async () => {
      const other = await DevPki.create();
      const forged = async () => {
        const crl = await other.intermediateCrl();
        return crl; // issuer name equal (same dev names), signature by a different key
      };
      await rejects(verify(signed, ORG, documentVerifier(pki, { revocation: crlRevocation(pki, forged) })), EdsFailure.REVOCATION_UNAVAILABLE);
    });
    it('rejects when the CRL cannot be loaded', () =>
      rejects(
        verify(signed, ORG, documentVerifier(pki, { revocation: crlRevocation(pki, () => Promise.reject(new Error('ENOENT'))) })),
        EdsFailure.REVOCATION_UNAVAILABLE,
      ));
  });

  describe('7. purpose: key usage and EKU', () => {
    it('rejects an authentication key (no nonRepudiation) for documents', async () => {
      const c = await pki.issueLeaf({ kind: 'organisation', keyUsage: KeyUsageFlagsForTests.digitalSignature | KeyUsageFlagsForTests.keyEncipherment });
      await rejects(verify(await signWith(c)), EdsFailure.KEY_USAGE);
    });
    it('rejects a wrong EKU (no NCA subject type)', async () => {
      const c = await pki.issueLeaf({ kind: 'organisation', extendedKeyUsage: ['1.3.6.1.5.5.7.3.2'] });
      await rejects(verify(await signWith(c)), EdsFailure.EKU_MISMATCH);
    });
    it('rejects an individual certificate where an organisation is expected', () =>
      signWith(pki.individual).then((x) => rejects(verify(x), EdsFailure.EKU_MISMATCH)));
    it('rejects an organisation certificate without the required role', () =>
      rejects(verify(signed, { ...ORG, roles: [OrganisationRole.FINANCIAL] }), EdsFailure.EKU_MISMATCH));
    it('accepts it with a role the certificate has', () =>
      expect(verify(signed, { ...ORG, roles: [OrganisationRole.HEAD] })).resolves.toBeDefined());
  });

  describe('8. identity', () => {
    it('rejects a BIN mismatch', () => rejects(verify(signed, { subjectType: 'organisation', bin: '999999999999' }), EdsFailure.IDENTITY_MISMATCH));
    it('rejects an IIN mismatch', async () =>
      rejects(verify(await signWith(pki.individual), { subjectType: 'individual', iin: '111111111111' }), EdsFailure.IDENTITY_MISMATCH));
  });

  it('does not depend on a signing library: a hand-built SignedInfo with wrong key fails', async () => {
    const other = await DevPki.create();
    const bad = signed.replace(/<ds:SignatureValue>[^<]*/, () => {
      const si = /<ds:SignedInfo[\s\S]*<\/ds:SignedInfo>/.exec(signed)![0];
      return `<ds:SignatureValue>${createSign('sha256').update(si).sign(other.organisation.privateKey).toString('base64')}`;
    });
    await rejects(verify(bad), EdsFailure.SIGNATURE_INVALID);
  });

  it('builder rejects names that would inject markup', () => {
    expect(() => el('a><b', {})).toThrow();
  });
});

async function issueSelfSigned(pki: DevPki): Promise<IssuedCert> {
  const { issueCertificate } = await import('./dev-pki/issue-certificate');
  return issueCertificate({
    subject: pki.organisation.certificate.peculiar.subjectName.toJSON(),
    keys: pki.leafKeys,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + DAY),
    keyUsage: KeyUsageFlagsForTests.digitalSignature | KeyUsageFlagsForTests.nonRepudiation,
    extendedKeyUsage: ['1.2.398.3.3.4.1.2'],
  });
}
