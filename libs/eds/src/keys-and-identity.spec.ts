import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevPki, EdsFailure, OrganisationRole, extractIdentity, loadPkcs12, loadPkcs12File, readPassword, toPkcs12 } from '@hub/eds';
import { createPki } from '../test/eds-fixtures';

describe('PKCS#12 keys and NCA identity', () => {
  let pki: DevPki;
  let p12: Buffer;
  beforeAll(async () => {
    pki = await createPki();
    p12 = toPkcs12(pki.organisation, [pki.intermediate.certificate, pki.root.certificate], 's3cret-pw', 'org');
  });

  it('loads the key and the matching certificate from an NCA-style PKCS#12', () => {
    const k = loadPkcs12(p12, 's3cret-pw');
    expect(k.certificate.der.equals(pki.organisation.certificate.der)).toBe(true);
    expect(k.chain).toHaveLength(2);
    expect(k.privateKey.asymmetricKeyType).toBe('rsa');
  });

  it('a wrong password fails with KEY_LOAD_FAILED and never echoes the password', () => {
    let err: unknown;
    try {
      loadPkcs12(p12, 'wrong-pw-123');
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: EdsFailure.KEY_LOAD_FAILED });
    expect(String((err as Error).message)).not.toContain('wrong-pw-123');
  });

  it('reads the password from env or from a secret file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eds-'));
    const file = join(dir, 'pw');
    writeFileSync(file, 's3cret-pw\n');
    writeFileSync(join(dir, 'k.p12'), p12);
    expect(readPassword({ env: 'EDS_PW' }, { EDS_PW: 'from-env' })).toBe('from-env');
    expect(readPassword({ env: 'EDS_PW', fileEnv: 'EDS_PW_FILE' }, { EDS_PW_FILE: file })).toBe('s3cret-pw');
    expect(() => readPassword({ env: 'EDS_PW' }, {})).toThrow(expect.objectContaining({ code: EdsFailure.KEY_LOAD_FAILED }) as Error);
    expect(loadPkcs12File(join(dir, 'k.p12'), { file }).certificate.fingerprint).toBe(pki.organisation.certificate.fingerprint);
  });

  it('extracts organisation identity: BIN from OU, IIN from serialNumber, O, roles from EKU', () => {
    expect(extractIdentity(pki.organisation.certificate)).toEqual({
      subjectType: 'organisation',
      bin: DevPki.defaultBin,
      iin: DevPki.defaultIin,
      organisationName: 'ТОО DEV HUB',
      commonName: 'ТЕСТОВ ТЕСТ',
      roles: [OrganisationRole.HEAD, OrganisationRole.INFORMATION_SYSTEM],
    });
  });

  it('extracts individual identity', () => {
    expect(extractIdentity(pki.individual.certificate)).toMatchObject({ subjectType: 'individual', iin: DevPki.defaultIin, bin: undefined, roles: [] });
  });

  it('a certificate claiming both subject types has no subject type', async () => {
    const c = await pki.issueLeaf({ kind: 'organisation', extendedKeyUsage: ['1.2.398.3.3.4.1.1', '1.2.398.3.3.4.1.2.1'] });
    expect(extractIdentity(c.certificate).subjectType).toBeUndefined();
  });
});
