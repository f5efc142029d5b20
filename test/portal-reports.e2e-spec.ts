import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { EdsRuntime } from '@hub/eds';
import { seededRandom } from '@hub/identity';
import { AvroPublisher, HubConfig, Topics } from '@hub/platform';
import { PORTAL_EDS, REPORT_SERVICE, SubjectFacts } from '@hub/portal';
import type { ReportService } from '@hub/reports';
import { syntheticLegalEntity } from '@hub/synthetic';
import { devPki, dropPrivateDatabase, pdfText, privateDatabase, loginCookie, testConfig, waitFor } from '@hub/test-support';
import { startHub } from '../apps/hub/src/hub.app';
import { type HubDevPki } from '../tools/hub-dev-pki';

/**
 * Signed counterparty reports (BPR §28) and the register of checks (§36) through the whole hub:
 * a company (the dev PKI's company BIN) is registered; an entrepreneur checks it; its head sees who
 * checked it, nobody else does; reports verify with xmlsec1 and the verify door, tampered ones do not.
 */
describe('portal: signed reports and the register of checks', () => {
  let config: HubConfig;
  let app: INestApplication;
  let base: string;
  let pki: HubDevPki;
  let entrepreneur: string;
  let head: string;
  let companyBin: string;
  const random = seededRandom(Date.now() % 2 ** 31);
  const xmlsecDir = mkdtempSync(join(tmpdir(), 'portal-xmlsec-'));

  const post = (path: string, body: unknown, cookie?: string) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
  const get = (path: string, cookie: string) => fetch(`${base}${path}`, { headers: { cookie } });

  function xmlsec1Verify(xml: string, name: string) {
    const version = spawnSync('xmlsec1', ['--version'], { encoding: 'utf8' });
    if (version.error || version.status !== 0) throw new Error('xmlsec1 is not installed (apt-get install xmlsec1); this test must not be skipped');
    const file = join(xmlsecDir, name);
    writeFileSync(file, xml);
    return spawnSync('xmlsec1', ['--verify', '--trusted-pem', pki.env.EDS_TRUST_ANCHORS, '--untrusted-pem', pki.env.EDS_INTERMEDIATES, '--enabled-reference-uris', 'empty', file], { encoding: 'utf8' });
  }

  beforeAll(async () => {
    pki = await devPki();
    config = testConfig({ ...pki.env, ...(await privateDatabase('prep')) });
    app = await startHub(config);
    base = await app.getUrl();
    companyBin = pki.identities.companyBin;
    const record = { ...syntheticLegalEntity(random, new Date()), bin: companyBin, status: 'ACTIVE', legalForm: 'LLP', nameRu: 'ТОО «ДАЛА ТРЕЙД»', nameKk: '«ДАЛА ТРЕЙД» ЖШС', eventTime: Date.now() };
    await app.get(AvroPublisher).publish(Topics.justiceLegalEntities, [{ key: companyBin, value: record }]);
    const facts = app.get(SubjectFacts);
    await waitFor(async () => (await facts.content(companyBin, new Date()))?.subject.name?.includes('ДАЛА ТРЕЙД'), `the register knows ${companyBin}`, 60_000);
    entrepreneur = await loginCookie(base, 'userEntrepreneur');
    head = await loginCookie(base, 'userHead');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (config) await dropPrivateDatabase(config.DATABASE_URL);
  });

  let reportId: string;
  let xml: string;

  it('issues a signed report: xmlsec1 and the hub\'s verifier accept it, and it can be downloaded again', async () => {
    const r = await post('/api/v1/reports', { subjectId: companyBin }, entrepreneur);
    expect(r.status).toBe(201);
    const issued = (await r.json()) as { reportId: string; verificationCode: string; checkId: string; links: Record<string, string> };
    expect(issued.verificationCode).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
    reportId = issued.reportId;
    const x = await get(issued.links.xml, entrepreneur);
    expect(x.status).toBe(200);
    xml = await x.text();
    expect(xml).toContain(`<rep:ReportId>${reportId}</rep:ReportId>`);
    expect(xml).toContain(`id="${companyBin}"`);
    expect(xml).toContain('<rep:Indexes>');
    expect(xml).toContain('<rep:StateLists');
    expect(xml).toContain('<rep:CourtCases');
    expect(xml).toContain('<rep:UtilityArrears');
    expect(xml).not.toMatch(/contribution/i);

    const ok = xmlsec1Verify(xml, 'report.xml');
    expect(`${ok.stdout}${ok.stderr}`).toMatch(/OK/);
    expect(ok.status).toBe(0);

    const rt = app.get<EdsRuntime>(PORTAL_EDS);
    const verified = await rt.documentVerifier().verify(xml, { subjectType: 'organisation', bin: pki.identities.hubBin });
    expect(verified.signer.bin).toBe(pki.identities.hubBin);

    const again = await (await get(issued.links.xml, entrepreneur)).text();
    expect(again).toBe(xml);
    const html = await get(issued.links.html, entrepreneur);
    expect(html.status).toBe(200);
    const page = await html.text();
    expect(page).toContain(reportId);
    expect(page).toContain(issued.verificationCode);

    // another user cannot download it: as if it did not exist
    expect((await get(issued.links.xml, head)).status).toBe(404);
  });

  it('renders the report as a PDF carrying the id, the verification code and the Cyrillic name; only for whoever asked for it', async () => {
    const r = await post('/api/v1/reports', { subjectId: companyBin }, entrepreneur);
    const issued = (await r.json()) as { reportId: string; verificationCode: string; links: Record<string, string> };
    expect(issued.links.pdf).toBe(`/api/v1/reports/${issued.reportId}/pdf`);
    const pdf = await get(issued.links.pdf, entrepreneur);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const { text, pages } = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(text).toContain(`Report id: ${issued.reportId}`);
    expect(text).toContain(`Verification code: ${issued.verificationCode}`);
    expect(text).toContain('ТОО «ДАЛА ТРЕЙД»');
    // the code printed on it is the one the verify door accepts for a printed copy
    expect(await (await post('/api/v1/reports/verify', { reportId: issued.reportId, verificationCode: issued.verificationCode })).json()).toMatchObject({ genuine: true });
    expect((await get(issued.links.pdf, head)).status).toBe(404);
    expect((await fetch(`${base}${issued.links.pdf}`)).status).toBe(401);
  });

  it('reports issued at once (stored in shared transactions) are each stored as issued, each with its own check', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => post('/api/v1/reports', { subjectId: companyBin }, entrepreneur)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const issued = (await Promise.all(answers.map((a) => a.json()))) as Array<{ reportId: string; checkId: string; verificationCode: string }>;
    expect(new Set(issued.map((i) => i.reportId)).size).toBe(20);
    const mine = (await (await get('/api/v1/me/checks', entrepreneur)).json()) as { checks: Array<{ checkId: string; reportId: string | null }> };
    for (const i of issued) {
      expect(mine.checks.find((c) => c.checkId === i.checkId)?.reportId).toBe(i.reportId);
      const doc = await (await get(`/api/v1/reports/${i.reportId}`, entrepreneur)).text();
      expect(createHash('sha256').update(doc).digest('hex').slice(0, 20).toUpperCase().match(/.{4}/g)!.join('-')).toBe(i.verificationCode);
    }
  });

  it('a report whose check cannot be stored is not stored either (together or not at all), and does not fail the others', async () => {
    const reports = app.get<ReportService>(REPORT_SERVICE);
    const facts = app.get(SubjectFacts);
    const content = (await facts.content(companyBin, new Date()))!;
    const requestedBy = { iin: pki.identities.entrepreneurIin, bin: null, role: null };
    let refusedId = '';
    const refusing = { prepare: (r: { reportId: string }) => { refusedId = r.reportId; return 1; }, store: async () => { throw new Error('the register of checks refuses'); } };
    const fine = { prepare: () => 2, store: async () => undefined };
    const [bad, good] = await Promise.allSettled([reports.issue(requestedBy, content, refusing), reports.issue(requestedBy, content, fine)]);
    expect(bad.status).toBe('rejected');
    expect(good.status).toBe('fulfilled');
    const goodId = (good as PromiseFulfilledResult<{ reportId: string }>).value.reportId;
    expect(await reports.findFor(goodId, requestedBy.iin)).not.toBeNull();
    expect(refusedId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await reports.findFor(refusedId, requestedBy.iin)).toBeNull();
  });

  it('the public verify door says genuine for the report and refuses a tampered copy, which xmlsec1 refuses too', async () => {
    const genuine = await fetch(`${base}/api/v1/reports/verify`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: xml });
    expect(genuine.status).toBe(200);
    expect(await genuine.json()).toMatchObject({ genuine: true, code: 'GENUINE', reportId, subjectId: companyBin });
    expect(await (await post('/api/v1/reports/verify', { document: xml })).json()).toMatchObject({ genuine: true });

    const tampered = xml.replace('ДАЛА ТРЕЙД', 'ДАЛА ТРЕЙД ЖАҚСЫ');
    expect(tampered).not.toBe(xml);
    const bad = await post('/api/v1/reports/verify', { document: tampered });
    expect(await bad.json()).toMatchObject({ genuine: false, code: 'SIGNATURE_INVALID', detail: 'DIGEST_MISMATCH' });
    const refused = xmlsec1Verify(tampered, 'tampered.xml');
    expect(refused.status).not.toBe(0);

    // a printed copy: id and code
    const code = (await (await get(`/api/v1/reports/${reportId}/html`, entrepreneur)).text()).match(/id="verification-code">([^<]+)</)![1];
    expect(await (await post('/api/v1/reports/verify', { reportId, verificationCode: code })).json()).toMatchObject({ genuine: true });
    expect(await (await post('/api/v1/reports/verify', { reportId, verificationCode: '0000-0000-0000-0000-0000' })).json()).toMatchObject({ genuine: false, code: 'NOT_AS_ISSUED' });
  });

  it('registers the check with who, whom, when and the index values, and the checker gets a signed certificate of it', async () => {
    const mine = (await (await get('/api/v1/me/checks', entrepreneur)).json()) as { checks: Array<{ checkId: string; reportId: string | null; kind: string; subjectId: string; checker: Record<string, unknown>; indexValues: Record<string, unknown> }> };
    const check = mine.checks.find((c) => c.reportId === reportId)!;
    expect(check).toMatchObject({ kind: 'REPORT', subjectId: companyBin, checker: { iin: pki.identities.entrepreneurIin, bin: null, role: null } });
    const cert = await get(`/api/v1/me/checks/${check.checkId}/certificate`, entrepreneur);
    expect(cert.status).toBe(200);
    const certXml = await cert.text();
    expect(certXml).toContain(`<chk:CheckId>${check.checkId}</chk:CheckId>`);
    expect(certXml).toContain(`iin="${pki.identities.entrepreneurIin}"`);
    const ok = xmlsec1Verify(certXml, 'check.xml');
    expect(ok.status).toBe(0);
    // the certificate is the checker's: another user gets 404
    expect((await get(`/api/v1/me/checks/${check.checkId}/certificate`, head)).status).toBe(404);
  });

  it('who checked me: the company\'s head sees it; the checker, asking about the company, gets 404', async () => {
    const seen = await get('/api/v1/me/checked-by', head);
    expect(seen.status).toBe(200);
    const body = (await seen.json()) as { subjectId: string; checks: Array<{ kind: string; checkedAt: string; checker: { name: string; iinMasked: string } }> };
    expect(body.subjectId).toBe(companyBin);
    expect(body.checks.some((c) => c.kind === 'REPORT' && c.checker.iinMasked.endsWith(pki.identities.entrepreneurIin.slice(8)) && c.checker.name.includes('АХМЕТОВ'))).toBe(true);
    expect(JSON.stringify(body)).not.toContain(pki.identities.entrepreneurIin);
    expect((await get(`/api/v1/entities/${companyBin}/checked-by`, head)).status).toBe(200);

    const other = await get(`/api/v1/entities/${companyBin}/checked-by`, entrepreneur);
    expect(other.status).toBe(404);
    // the entrepreneur's own subject is his IIN
    const own = (await (await get('/api/v1/me/checked-by', entrepreneur)).json()) as { subjectId: string };
    expect(own.subjectId).toBe(pki.identities.entrepreneurIin);
    // the head asking about the entrepreneur: 404 too
    expect((await get(`/api/v1/entities/${pki.identities.entrepreneurIin}/checked-by`, head)).status).toBe(404);
  });

  it('a card view (BPR §37) is a registered check too, with what was shown and its index value', async () => {
    const card = await get(`/api/v1/entities/${companyBin}/card`, entrepreneur);
    expect(card.status).toBe(200);
    const shown = await card.text();
    const mine = (await (await get('/api/v1/me/checks', entrepreneur)).json()) as { checks: Array<{ checkId: string; kind: string; subjectId: string; shownSha256: string; indexValues: Record<string, unknown> }> };
    const check = mine.checks.find((c) => c.kind === 'CARD' && c.subjectId === companyBin)!;
    expect(check).toBeDefined();
    expect(check.shownSha256).toBe(createHash('sha256').update(shown).digest('hex'));
    const cert = await (await get(`/api/v1/me/checks/${check.checkId}/certificate`, entrepreneur)).text();
    expect(cert).toContain('<chk:Kind>CARD</chk:Kind>');
    expect(xmlsec1Verify(cert, 'card-check.xml').status).toBe(0);
  });

  it('refuses a report on an unknown or malformed id', async () => {
    expect((await post('/api/v1/reports', { subjectId: '123' }, entrepreneur)).status).toBe(400);
  });
});
