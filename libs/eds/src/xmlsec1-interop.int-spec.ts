import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XmlDocumentSigner, type DevPki } from '@hub/eds';
import { createPki, sampleDocument, signerOf } from '../test/eds-fixtures';

/**
 * Independent check that the hub's fast-path signatures are standard XMLDSig: libxml2/xmlsec's
 * verifier, with only the dev root pinned, must accept them and reject a tampered copy.
 * xmlsec1 missing is a failure (CI installs it), never a skip.
 */
describe('xmlsec1 interoperability', () => {
  let pki: DevPki;
  let dir: string;
  beforeAll(async () => {
    const version = spawnSync('xmlsec1', ['--version'], { encoding: 'utf8' });
    if (version.error || version.status !== 0) throw new Error('xmlsec1 is not installed (apt-get install xmlsec1); this test must not be skipped');
    pki = await createPki();
    dir = mkdtempSync(join(tmpdir(), 'eds-xmlsec-'));
    writeFileSync(join(dir, 'root.pem'), pki.root.certificate.toPem());
    writeFileSync(join(dir, 'intermediate.pem'), pki.intermediate.certificate.toPem());
  });

  const xmlsecVerify = (xml: string) => {
    const file = join(dir, `doc-${Math.random()}.xml`);
    writeFileSync(file, xml);
    return spawnSync(
      'xmlsec1',
      ['--verify', '--trusted-pem', join(dir, 'root.pem'), '--untrusted-pem', join(dir, 'intermediate.pem'), '--enabled-reference-uris', 'empty', file],
      { encoding: 'utf8' },
    );
  };

  it('accepts the hub-signed document and rejects a tampered copy', async () => {
    const signed = await new XmlDocumentSigner(signerOf(pki.organisation)).sign(sampleDocument());
    const ok = xmlsecVerify(signed);
    expect(`${ok.status} ${ok.stderr}`).toMatch(/^0 [\s\S]*OK/);
    const bad = xmlsecVerify(signed.replace('>1017<', '>1018<'));
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/FAIL/);
  });

  it('accepts documents signed through signXml and with an individual key', async () => {
    const signed = await new XmlDocumentSigner(signerOf(pki.individual)).signXml('<doc xmlns="urn:x" b="2" a="1">\n  <v>т &amp; t</v>\n</doc>');
    expect(xmlsecVerify(signed).status).toBe(0);
  });

  it('rejects a document whose chain does not reach the pinned root', async () => {
    const other = await createPki();
    const signed = await new XmlDocumentSigner(signerOf(other.organisation)).sign(sampleDocument(500));
    expect(xmlsecVerify(signed).status).not.toBe(0);
  });

  it('xmlsec1 is the real binary', () => {
    expect(execFileSync('xmlsec1', ['--version'], { encoding: 'utf8' })).toMatch(/xmlsec1/);
  });
});
