import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Certificate, TrustStore, extractIdentity, loadPkcs12File } from '@hub/eds';
import { runDevPki } from './dev-pki';

describe('tools/dev-pki', () => {
  it('writes loadable NCA-like PKCS#12 files, PEMs and CRLs', async () => {
    const out = mkdtempSync(join(tmpdir(), 'devpki-'));
    const r = await runDevPki({ out, password: 'pw-1' });
    await r.close();
    expect(r.files.map((f) => f.slice(out.length + 1))).toEqual(
      expect.arrayContaining(['RSA256_organisation.p12', 'RSA256_individual.p12', 'root.pem', 'intermediate.pem', 'root.crl', 'intermediate.crl']),
    );
    const org = loadPkcs12File(join(out, 'RSA256_organisation.p12'), 'pw-1');
    expect(extractIdentity(org.certificate)).toMatchObject({ subjectType: 'organisation', bin: '123456789021' });
    const ind = loadPkcs12File(join(out, 'RSA256_individual.p12'), 'pw-1');
    expect(extractIdentity(ind.certificate)).toMatchObject({ subjectType: 'individual', iin: '900101300123' });
    const trust = new TrustStore({
      anchors: [readFileSync(join(out, 'root.pem'), 'utf8')],
      intermediates: [readFileSync(join(out, 'intermediate.pem'), 'utf8')],
    });
    expect(trust.validate(org.certificate, new Date()).certificates).toHaveLength(3);
    expect(Certificate.fromPem(readFileSync(join(out, 'root.pem'), 'utf8')).isCa).toBe(true);
  }, 30000);
});
