import { DevPki, EdsFailure, NS, SoapMessageSigner, buildSendMessage, el, type IssuedCert, type RequestInfo } from '@hub/eds';
import { createPki, signerOf, soapVerifier, xmlCryptoVerify } from '../test/eds-fixtures';

const WSNS = `xmlns:wsse="${NS.wsse}" xmlns:wsu="${NS.wsu}"`;

describe('SOAP / WS-Security gateway messages', () => {
  let pki: DevPki;
  beforeAll(async () => {
    pki = await createPki();
  });

  const info = (o: Partial<RequestInfo> = {}): RequestInfo => ({
    messageId: `msg-${Math.random()}`,
    serviceId: 'NDIP_REPORT',
    messageDate: new Date(),
    senderId: DevPki.defaultBin,
    ...o,
  });
  const message = (o: Partial<RequestInfo> = {}, c: IssuedCert = pki.organisation) =>
    new SoapMessageSigner(signerOf(c)).sign(buildSendMessage(info(o), [el('d:Data', { 'xmlns:d': 'urn:data' }, ['42 & <x>'])]));
  const rejects = (p: Promise<unknown>, code: EdsFailure) => expect(p).rejects.toMatchObject({ code });

  it('round trip: signs the Body and returns the verified Body, payload and requestInfo', async () => {
    const xml = await message({ messageId: 'm-1' });
    const v = await soapVerifier(pki).verify(xml);
    expect(v.body.localName).toBe('Body');
    expect(v.payload.localName).toBe('SendMessage');
    expect(v.requestInfo).toMatchObject({ messageId: 'm-1', senderId: DevPki.defaultBin, serviceId: 'NDIP_REPORT' });
    expect(v.signer.bin).toBe(DevPki.defaultBin);
  });

  it('stock xml-crypto verifies the WS-Security signature and reports the Body as signed', async () => {
    const xml = await message();
    const r = xmlCryptoVerify(xml, pki.organisation.certificate.toPem());
    expect(r.ok).toBe(true);
    expect(r.references[0]).toContain('soap:Body');
  });

  it('rejects a tampered Body', async () => {
    const xml = (await message()).replace('42 &amp;', '43 &amp;');
    await rejects(soapVerifier(pki).verify(xml), EdsFailure.DIGEST_MISMATCH);
  });

  it('wrapping variant 1: signed Body moved into the header, attacker Body with another id', async () => {
    const xml = await message();
    const body = /<soap:Body[\s\S]*<\/soap:Body>/.exec(xml)![0];
    const evilBody = body.replace(/wsu:Id="[^"]+"/, 'wsu:Id="evil"').replace('42 &amp;', '1000000 &amp;');
    const wrapped = xml.replace(body, evilBody).replace('</soap:Header>', `<w:Wrapper xmlns:w="urn:w">${body}</w:Wrapper></soap:Header>`);
    await rejects(soapVerifier(pki).verify(wrapped), EdsFailure.REFERENCE_MISMATCH);
  });

  it('wrapping variant 2: attacker Body reuses the signed id, original kept elsewhere', async () => {
    const xml = await message();
    const body = /<soap:Body[\s\S]*<\/soap:Body>/.exec(xml)![0];
    const evilBody = body.replace('42 &amp;', '1000000 &amp;');
    const wrapped = xml.replace(body, evilBody).replace('</wsse:Security>', `</wsse:Security><w:Keep xmlns:w="urn:w">${body}</w:Keep>`);
    await rejects(soapVerifier(pki).verify(wrapped), EdsFailure.REFERENCE_MISMATCH);
  });

  it('wrapping variant 3: a second Body', async () => {
    const xml = await message();
    const body = /<soap:Body[\s\S]*<\/soap:Body>/.exec(xml)![0];
    await rejects(soapVerifier(pki).verify(xml.replace('</soap:Envelope>', `${body.replace(/wsu:Id="[^"]+"/, '')}</soap:Envelope>`)), EdsFailure.REFERENCE_MISMATCH);
  });

  it('rejects a token reference that points outside the Security header', async () => {
    const xml = await message();
    const m = /<wsse:BinarySecurityToken[^>]*wsu:Id="([^"]+)"[^>]*>[^<]*<\/wsse:BinarySecurityToken>/.exec(xml)!;
    const moved = xml.replace(m[0], '').replace('</soap:Header>', `<x:T xmlns:x="urn:x" ${WSNS}>${m[0]}</x:T></soap:Header>`);
    await rejects(soapVerifier(pki).verify(moved), EdsFailure.REFERENCE_MISMATCH);
  });

  it('rejects a replayed message id', async () => {
    const v = soapVerifier(pki);
    const xml = await message({ messageId: 'once' });
    await expect(v.verify(xml)).resolves.toBeDefined();
    await rejects(v.verify(xml), EdsFailure.REPLAY);
    // also when re-signed: the id, not the bytes, is what counts
    await rejects(v.verify(await message({ messageId: 'once' })), EdsFailure.REPLAY);
  });

  it('keys the replay store by the proven senderId and the message id, until the window closes', async () => {
    const calls: [string, string, Date, Date][] = [];
    const replayStore = { remember: async (...a: [string, string, Date, Date]) => { calls.push(a); return true; } };
    const messageDate = new Date();
    await soapVerifier(pki, { replayStore }).verify(await message({ messageId: 'keyed', messageDate }));
    expect(calls).toHaveLength(1);
    const [sender, id, expires] = calls[0];
    expect([sender, id]).toEqual([DevPki.defaultBin, 'keyed']);
    expect(expires.getTime()).toBe(messageDate.getTime() + 5 * 60_000 + 60_000);
  });

  it('rejects a messageDate outside the window (old and future)', async () => {
    await rejects(soapVerifier(pki).verify(await message({ messageDate: new Date(Date.now() - 10 * 60_000) })), EdsFailure.REPLAY);
    await rejects(soapVerifier(pki).verify(await message({ messageDate: new Date(Date.now() + 10 * 60_000) })), EdsFailure.REPLAY);
  });

  it('does not burn a message id when the signature is bad', async () => {
    const v = soapVerifier(pki);
    const good = await message({ messageId: 'burn' });
    await rejects(v.verify(good.replace('42 &amp;', '43 &amp;')), EdsFailure.DIGEST_MISMATCH);
    await expect(v.verify(good)).resolves.toBeDefined();
  });

  it('rejects a BIN mismatch between senderId and the certificate', async () =>
    rejects(soapVerifier(pki).verify(await message({ senderId: '999999999999' })), EdsFailure.IDENTITY_MISMATCH));

  it('rejects a message signed with an individual certificate (EKU)', async () =>
    rejects(soapVerifier(pki).verify(await message({}, pki.individual)), EdsFailure.EKU_MISMATCH));

  it('rejects a message without requestInfo', async () => {
    const xml = await new SoapMessageSigner(signerOf(pki.organisation)).sign(el('x:Other', { 'xmlns:x': 'urn:x' }));
    await rejects(soapVerifier(pki).verify(xml), EdsFailure.MESSAGE_INFO_MISSING);
  });

  it('rejects a second Signature in the header', async () => {
    const xml = await message();
    const sig = /<ds:Signature [\s\S]*<\/ds:Signature>/.exec(xml)![0];
    await rejects(soapVerifier(pki).verify(xml.replace('</soap:Header>', `<x:S xmlns:x="urn:x" ${WSNS}>${sig}</x:S></soap:Header>`)), EdsFailure.SIGNATURE_COUNT);
  });
});
