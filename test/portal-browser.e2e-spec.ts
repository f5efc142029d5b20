import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { seededRandom } from '@hub/identity';
import { AvroPublisher, HubConfig, Topics } from '@hub/platform';
import { SubjectFacts } from '@hub/portal';
import { syntheticLegalEntity } from '@hub/synthetic';
import { devPki, dropPrivateDatabase, pdfText, privateDatabase, testConfig, waitFor } from '@hub/test-support';
import { startHub } from '../apps/hub/src/hub.app';
import { type HubDevPki } from '../tools/hub-dev-pki';

// Page-side callbacks run in the browser; these are the few DOM names they use (no DOM lib in this program).
interface PageNode { textContent: string | null; innerText: string; hidden: boolean; href: string; querySelectorAll(s: string): { length: number } }
declare const document: { querySelector(s: string): PageNode | null; cookie: string };

/** Debian's chromium (apt-get install chromium; .ci/run installs it). Missing is a failure, never a skip. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', 'test-artifacts', 'portal');

/**
 * The portal page in a real browser (issue 14 item 7): the demo .p12 is picked and the challenge
 * signed in the page by node-forge; then search with a typo, the card, the signed report, my
 * checks and, as the company's head, who checked us; refusals and the language switch. Each step
 * leaves a screenshot under test-artifacts/portal/.
 */
describe('portal page in chromium', () => {
  let config: HubConfig;
  let app: INestApplication;
  let base: string;
  let pki: HubDevPki;
  let browser: Browser;
  let page: Page;
  const random = seededRandom(Date.now() % 2 ** 31);
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const text = (selector: string) => page.$eval(selector, (e) => (e as unknown as PageNode).innerText);

  async function login(key: keyof HubDevPki['keys']) {
    await page.goto(base, { waitUntil: 'networkidle0' });
    const input = await page.$('#p12');
    if (!input) throw new Error('no key file input on the page');
    await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(pki.keys[key]);
    await page.type('#password', pki.password);
    await page.click('#login-button');
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM}: apt-get install -y chromium (this test must not be skipped)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    pki = await devPki();
    config = testConfig({ ...pki.env, ...(await privateDatabase('pweb')) });
    app = await startHub(config);
    base = await app.getUrl();
    const bin = pki.identities.companyBin;
    const record = { ...syntheticLegalEntity(random, new Date()), bin, status: 'ACTIVE', legalForm: 'LLP', nameRu: 'ТОО «ДАЛА ТРЕЙД»', nameKk: '«ДАЛА ТРЕЙД» ЖШС', eventTime: Date.now() };
    await app.get(AvroPublisher).publish(Topics.justiceLegalEntities, [{ key: bin, value: record }]);
    const facts = app.get(SubjectFacts);
    await waitFor(async () => (await facts.content(bin, new Date()))?.subject.name?.includes('ДАЛА ТРЕЙД'), `the register knows ${bin}`, 60_000);
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
    page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 900 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error' && !/401|404/.test(m.text())) errors.push(m.text()); });
    (globalThis as { pageErrors?: string[] }).pageErrors = errors;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (config) await dropPrivateDatabase(config.DATABASE_URL);
  });

  it('refuses an expired certificate with its code, on the page', async () => {
    await login('userExpired');
    await page.waitForFunction(() => document.querySelector('#login-status')?.textContent?.includes('CERT_EXPIRED'), { timeout: 20_000 });
    await shot('01-refused-expired');
    expect(await page.$eval('#app-section', (e) => (e as unknown as PageNode).hidden)).toBe(true);
  }, 60_000);

  it('logs the entrepreneur in with the demo .p12, signed in the browser', async () => {
    await login('userEntrepreneur');
    await page.waitForSelector('#app-section:not([hidden])', { timeout: 20_000 });
    expect(await text('#who')).toContain(pki.identities.entrepreneurIin);
    await shot('02-logged-in');
    const cookies = await browser.cookies();
    const session = cookies.find((c) => c.name === 'hub_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    // HttpOnly: the page's scripts cannot read the token
    expect(await page.evaluate(() => document.cookie)).not.toContain('hub_session');
  }, 60_000);

  it('searches with a typo and says the match was by similar spelling', async () => {
    await page.type('#q', 'ДАЛА ТРЕЙТ');
    await page.click('#search-form button[type=submit]');
    await page.waitForSelector('#results li', { timeout: 20_000 });
    const first = await text('#results li');
    expect(first).toContain(pki.identities.companyBin);
    expect(await page.$('#results li .typo')).not.toBeNull();
    await shot('03-search-typo');
  }, 60_000);

  it('opens the card and gets the signed report', async () => {
    await page.click(`#results li button[data-id="${pki.identities.companyBin}"]`);
    await page.waitForSelector('#card-table', { timeout: 20_000 });
    expect(await text('#card-table')).toContain('ДАЛА ТРЕЙД');
    await shot('04-card');
    await page.click('#report-button');
    await page.waitForSelector('#report-ready', { timeout: 20_000 });
    expect(await text('#report-code')).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
    const xml = await page.evaluate(async () => (await fetch(document.querySelector('#report-xml')!.href)).text());
    expect(xml).toContain('<rep:CounterpartyReport');
    expect(xml).toContain('<ds:SignatureValue>');
    // the PDF link: a PDF whose text carries the report's code and the company's Cyrillic name
    const pdf = await page.evaluate(async () => {
      const r = await fetch(document.querySelector('#report-pdf')!.href);
      const bytes = new Uint8Array(await r.arrayBuffer());
      let bin = '';
      for (const b of bytes) bin += String.fromCharCode(b);
      return { type: r.headers.get('content-type'), base64: btoa(bin) };
    });
    expect(pdf.type).toBe('application/pdf');
    const { text: pdfWords } = pdfText(Buffer.from(pdf.base64, 'base64'));
    expect(pdfWords).toContain(`Verification code: ${await text('#report-code')}`);
    expect(pdfWords).toContain('ДАЛА ТРЕЙД');
    await shot('05-report');
  }, 60_000);

  it('lists my checks: the card view and the report', async () => {
    await page.click('#my-checks-button');
    await page.waitForFunction(() => (document.querySelector('#my-checks')?.querySelectorAll('tr').length ?? 0) >= 3, { timeout: 20_000 });
    const table = await text('#my-checks');
    expect(table).toContain('CARD');
    expect(table).toContain('REPORT');
    await shot('06-my-checks');
  }, 60_000);

  it('the company head sees who checked the company; the language switches to Kazakh with English fallback', async () => {
    await page.click('#logout');
    await page.waitForSelector('#login-section:not([hidden])');
    await login('userHead');
    await page.waitForSelector('#app-section:not([hidden])', { timeout: 20_000 });
    await page.click('#checked-by-button');
    await page.waitForFunction(() => (document.querySelector('#checked-by')?.querySelectorAll('tr').length ?? 0) >= 2, { timeout: 20_000 });
    const table = await text('#checked-by');
    expect(table).toContain('АХМЕТОВ');
    expect(table).not.toContain(pki.identities.entrepreneurIin);
    await shot('07-checked-by');
    await page.select('#lang', 'kk');
    expect(await text('header h1')).toBe('Іскер әріптестер тізілімі');
    expect(await text('#checked-by-button')).toBe('Жаңарту');
    await shot('08-kazakh');
    expect((globalThis as { pageErrors?: string[] }).pageErrors).toEqual([]);
  }, 60_000);
});
