import { ThreadedRsaSha256Signer, XmlDocumentSigner, type DevPki } from '@hub/eds';
import { createPki, documentVerifier, sampleDocument, signerOf, xmlCryptoVerify } from '../test/eds-fixtures';

describe('ThreadedRsaSha256Signer (signing off the event loop)', () => {
  let pki: DevPki;
  let threaded: ThreadedRsaSha256Signer;
  beforeAll(async () => {
    pki = await createPki();
    const c = pki.organisation;
    threaded = new ThreadedRsaSha256Signer(c.privateKey, c.certificate.der, 2);
  });
  afterAll(async () => {
    await threaded.close();
  });

  it('gives the same signature bytes as the in-process signer (PKCS#1 v1.5 is deterministic), also for 50 at once', async () => {
    const inProcess = signerOf(pki.organisation);
    const inputs = Array.from({ length: 50 }, (_, i) => Buffer.from(`<ds:SignedInfo>${i}</ds:SignedInfo>`));
    const signatures = await Promise.all(inputs.map((d) => threaded.sign(d)));
    signatures.forEach((s, i) => expect(s.equals(inProcess.sign(inputs[i]))).toBe(true));
  });

  it('its documents pass the hub\'s strict verifier and stock xml-crypto', async () => {
    const signed = await new XmlDocumentSigner(threaded).sign(sampleDocument());
    const v = await documentVerifier(pki).verify(signed, { subjectType: 'organisation', bin: '123456789021' });
    expect(v.element.localName).toBe('Report');
    expect(xmlCryptoVerify(signed, pki.organisation.certificate.toPem()).ok).toBe(true);
  });

  it('refuses to sign once closed instead of hanging', async () => {
    const c = pki.organisation;
    const s = new ThreadedRsaSha256Signer(c.privateKey, c.certificate.der, 1);
    await s.close();
    await expect(s.sign(Buffer.from('x'))).rejects.toThrow('closed');
  });
});
