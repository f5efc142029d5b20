import { ALG, DevPki, XmlDocumentVerifier, TrustStore, RevocationPolicy, toPkcs12 } from '@hub/eds';
import { challengeDocument } from '@hub/portal';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const PortalEds = require('../public/eds-sign.js') as {
  openPkcs12(data: string, password: string): { certificateBase64: string };
  signCanonical(xml: string, key: unknown): string;
};

/** The page's in-browser signer (node-forge) produces what the hub's verifier accepts, with the full checklist. */
describe('portal page signer (eds-sign.js)', () => {
  it('signs the login challenge so that XmlDocumentVerifier accepts it', async () => {
    const now = new Date();
    const pki = await DevPki.create({ now, bin: '210740000011' });
    const user = await pki.issueLeaf({ kind: 'individual', iin: '850302300124', commonName: 'TEST' });
    const p12 = toPkcs12(user, [pki.intermediate.certificate, pki.root.certificate], 'pw', 'user');
    const key = PortalEds.openPkcs12(p12.toString('binary'), 'pw');
    const doc = challengeDocument('A'.repeat(43), now, new Date(now.getTime() + 60_000));
    const signed = PortalEds.signCanonical(doc, key);
    expect(signed).toContain(ALG.rsaSha256);
    const verifier = new XmlDocumentVerifier({
      trust: new TrustStore({ anchors: [pki.root.certificate.der], intermediates: [pki.intermediate.certificate.der] }),
      revocation: new RevocationPolicy([{ check: async () => ({ status: 'good' as const }) }]), // revocation is the e2e's business
      now: () => now,
    });
    const v = await verifier.verify(signed, { subjectType: 'individual', iin: '850302300124' });
    expect(v.signer.iin).toBe('850302300124');
    expect(() => PortalEds.openPkcs12(p12.toString('binary'), 'wrong')).toThrow('KEY_LOAD_FAILED');
  });
});
