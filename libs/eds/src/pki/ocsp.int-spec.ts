import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Certificate,
  DevPki,
  EdsFailure,
  OcspRevocationChecker,
  XmlDocumentSigner,
  startOcspResponder,
  type RunningOcspResponder,
} from '@hub/eds';
import { createPki, documentVerifier, ocspRevocation, sampleDocument, signerOf } from '../../test/eds-fixtures';

/** Revocation by OCSP against the dev PKI's responder, a real HTTP server on 127.0.0.1. */
describe('OCSP revocation', () => {
  let pki: DevPki;
  let responder: RunningOcspResponder;
  const ORG = { subjectType: 'organisation', bin: DevPki.defaultBin } as const;
  beforeAll(async () => {
    pki = await createPki();
    responder = await pki.startOcspResponder();
  });
  afterAll(() => responder.close());

  const signWith = (c = pki.organisation) => new XmlDocumentSigner(signerOf(c)).sign(sampleDocument(800));

  it('accepts a good certificate and caches the signed answer', async () => {
    const v = documentVerifier(pki, { revocation: ocspRevocation(pki, responder.url) });
    const before = responder.requests;
    await expect(v.verify(await signWith(), ORG)).resolves.toBeDefined();
    await expect(v.verify(await signWith(), ORG)).resolves.toBeDefined();
    expect(responder.requests - before).toBe(1);
  });

  it('rejects a certificate revoked by OCSP', async () => {
    const c = await pki.issueLeaf({ kind: 'organisation' });
    pki.revoke(c.certificate);
    const v = documentVerifier(pki, { revocation: ocspRevocation(pki, responder.url) });
    await expect(v.verify(await signWith(c), ORG)).rejects.toMatchObject({ code: EdsFailure.REVOKED });
  });

  it('rejects when the OCSP responder is unreachable', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    const v = documentVerifier(pki, { revocation: ocspRevocation(pki, `http://127.0.0.1:${port}/`) });
    await expect(v.verify(await signWith(), ORG)).rejects.toMatchObject({ code: EdsFailure.REVOCATION_UNAVAILABLE });
  });

  it('rejects when the responder times out', async () => {
    const hang = createServer(() => undefined);
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(hang.address() as AddressInfo).port}/`;
      const v = documentVerifier(pki, { revocation: ocspRevocation(pki, url, 300) });
      await expect(v.verify(await signWith(), ORG)).rejects.toMatchObject({ code: EdsFailure.REVOCATION_UNAVAILABLE });
    } finally {
      hang.closeAllConnections();
      await new Promise<void>((r) => hang.close(() => r()));
    }
  });

  it('rejects an answer signed by a responder the CA did not authorise', async () => {
    const other = await DevPki.create();
    const rogue = await startOcspResponder({
      issuer: pki.intermediate.certificate,
      signerKey: other.ocspSigner.privateKey,
      signerCert: other.ocspSigner.certificate,
      statusOf: () => ({ status: 'good' }),
    });
    try {
      const v = documentVerifier(pki, { revocation: ocspRevocation(pki, rogue.url) });
      await expect(v.verify(await signWith(), ORG)).rejects.toMatchObject({ code: EdsFailure.REVOCATION_UNAVAILABLE });
    } finally {
      await rogue.close();
    }
  });

  it('rejects a stale answer (clock past nextUpdate of what the responder signs)', async () => {
    const stale = await startOcspResponder({
      issuer: pki.intermediate.certificate,
      signerKey: pki.ocspSigner.privateKey,
      signerCert: pki.ocspSigner.certificate,
      statusOf: () => ({ status: 'good' }),
      now: () => new Date(Date.now() - 3 * 3_600_000),
    });
    try {
      const v = documentVerifier(pki, { revocation: ocspRevocation(pki, stale.url) });
      await expect(v.verify(await signWith(), ORG)).rejects.toMatchObject({ code: EdsFailure.REVOCATION_UNAVAILABLE });
    } finally {
      await stale.close();
    }
  });

  it('answers "unknown" for certificates of another issuer, which is rejected', async () => {
    const checker = new OcspRevocationChecker({ responders: [{ issuer: pki.root.certificate, url: responder.url }] });
    const r = await checker.check(pki.intermediate.certificate, pki.root.certificate, new Date());
    expect(r.status).toBe('unavailable');
    expect(new Certificate(pki.ocspSigner.certificate.der).extendedKeyUsage).toContain('1.3.6.1.5.5.7.3.9');
  });
});
