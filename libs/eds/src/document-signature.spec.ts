import { XMLSerializer } from '@xmldom/xmldom';
import { EdsFailure, renderCanonical, XmlDocumentSigner, type DevPki } from '@hub/eds';
import { createPki, documentVerifier, sampleDocument, signerOf, xmlCryptoSign, xmlCryptoVerify } from '../test/eds-fixtures';

describe('document signature round trip', () => {
  let pki: DevPki;
  beforeAll(async () => {
    pki = await createPki();
  });

  it('signs a ~4 KB document and verifies it, returning the document without the Signature', async () => {
    const doc = sampleDocument();
    const signed = await new XmlDocumentSigner(signerOf(pki.organisation)).sign(doc);
    expect(signed.length).toBeGreaterThan(4000);
    const v = await documentVerifier(pki).verify(signed, { subjectType: 'organisation', bin: '123456789021' });
    expect(v.signer).toMatchObject({ subjectType: 'organisation', bin: '123456789021', iin: '900101300123' });
    expect(v.element.localName).toBe('Report');
    expect(new XMLSerializer().serializeToString(v.element)).toBe(renderCanonical(doc));
  });

  it('fast-path output verifies with stock xml-crypto, which reports the whole document as signed', async () => {
    const signed = await new XmlDocumentSigner(signerOf(pki.organisation)).sign(sampleDocument());
    const r = xmlCryptoVerify(signed, pki.organisation.certificate.toPem());
    expect(r.ok).toBe(true);
    expect(r.references).toHaveLength(1);
  });

  it('accepts a document signed by stock xml-crypto (standard XMLDSig, not only our own output)', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<a:Doc xmlns:a="urn:a" Id="x">\n  <a:v>1</a:v>\n</a:Doc>`;
    const signed = xmlCryptoSign(xml, pki.individual);
    const v = await documentVerifier(pki).verify(signed, { subjectType: 'individual', iin: '900101300123' });
    expect(v.element.localName).toBe('Doc');
  });

  it('signXml signs arbitrary XML via canonicalization', async () => {
    const signed = await new XmlDocumentSigner(signerOf(pki.individual)).signXml('<doc xmlns="urn:x"  b="2" a="1">\r\n<v>t</v></doc>');
    await expect(documentVerifier(pki).verify(signed, { subjectType: 'individual', iin: '900101300123' })).resolves.toBeDefined();
    expect(xmlCryptoVerify(signed, pki.individual.certificate.toPem()).ok).toBe(true);
  });

  it('rejects a tampered document', async () => {
    const signed = await new XmlDocumentSigner(signerOf(pki.organisation)).sign(sampleDocument());
    const tampered = signed.replace('>1017<', '>9017<');
    expect(tampered).not.toBe(signed);
    await expect(documentVerifier(pki).verify(tampered, { subjectType: 'organisation', bin: '123456789021' })).rejects.toMatchObject({
      code: EdsFailure.DIGEST_MISMATCH,
    });
  });
});
