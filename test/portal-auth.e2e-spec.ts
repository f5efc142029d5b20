import { INestApplication, RequestMethod } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Database, HubConfig } from '@hub/platform';
import { devPki, dropPrivateDatabase, privateDatabase, testConfig } from '@hub/test-support';
import { startHub } from '../apps/hub/src/hub.app';
import { type DevKeyName, type HubDevPki } from '../tools/hub-dev-pki';
import { EdsUser } from '../tools/support/portal-client';

/**
 * EDS login (issue 14 item 2) and security by default (item 3) against the whole hub: real keys
 * from the dev PKI, challenges and sessions in PostgreSQL, the global guard over every route.
 */
describe('portal: EDS login, sessions and the global guard', () => {
  let config: HubConfig;
  let app: INestApplication;
  let base: string;
  let pki: HubDevPki;
  let db: Database;
  const users = new Map<DevKeyName, EdsUser>();
  const user = (key: DevKeyName) => {
    let u = users.get(key);
    if (!u) users.set(key, (u = new EdsUser(pki.keys[key], pki.password)));
    return u;
  };

  beforeAll(async () => {
    pki = await devPki();
    // a small bucket so the rate limit test bites quickly; the other tests stay well inside it
    config = testConfig({ ...pki.env, ...(await privateDatabase('pauth')), PORTAL_RATE_LIMIT_PER_MINUTE: '120', PORTAL_RATE_LIMIT_BURST: '100' });
    app = await startHub(config);
    db = new Database(config.DATABASE_URL, 1);
    base = await app.getUrl();
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    await app?.close();
    if (config) await dropPrivateDatabase(config.DATABASE_URL);
  });

  it('logs an individual entrepreneur in: HttpOnly SameSite=Strict cookie, the IIN in the session, the token hashed in the database', async () => {
    const challenge = await fetch(`${base}/api/v1/auth/challenge`, { method: 'POST' });
    expect(challenge.status).toBe(200);
    const r = await user('userEntrepreneur').login(base);
    expect(r.status).toBe(200);
    expect(r.cookie).toMatch(/^hub_session=[A-Za-z0-9_-]{43}$/);
    expect(r.body.session).toMatchObject({ subjectType: 'individual', iin: pki.identities.entrepreneurIin, bin: null });
    const me = await fetch(`${base}/api/v1/auth/session`, { headers: { cookie: r.cookie! } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ iin: pki.identities.entrepreneurIin });
    // bearer works the same for scripts
    expect((await fetch(`${base}/api/v1/auth/session`, { headers: { authorization: `Bearer ${r.token}` } })).status).toBe(200);
    const rows = await db.query<{ n: string }>('SELECT count(*) AS n FROM portal.sessions WHERE token_sha256 = $1', [createHash('sha256').update(r.token!).digest()]);
    expect(rows[0].n).toBe('1');
    expect((await db.query('SELECT 1 FROM portal.sessions WHERE encode(token_sha256, \'escape\') = $1', [r.token])).length).toBe(0);
  });

  it('sets the cookie attributes that keep it from scripts and other sites', async () => {
    const challenge = (await (await fetch(`${base}/api/v1/auth/challenge`, { method: 'POST' })).json()) as { document: string };
    const signed = await user('userHead').sign(challenge.document);
    const response = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ signedDocument: signed }) });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/); // plain http here; Secure over https
    const body = (await response.json()) as { session: Record<string, unknown>; token?: string };
    expect(body.token).toBeUndefined(); // only scripts that ask get the token in the body
    expect(body.session).toMatchObject({ subjectType: 'organisation', iin: pki.identities.headIin, bin: pki.identities.companyBin, roles: ['HEAD'] });
  });

  it.each([
    ['userExpired', 'CERT_EXPIRED'],
    ['userRevoked', 'REVOKED'],
    ['ndipUntrusted', 'UNTRUSTED_CHAIN'],
    ['userEmployee', 'KEY_USAGE'],
    ['ndip', 'EKU_MISMATCH'],
  ] as Array<[DevKeyName, string]>)('refuses %s with 401 %s', async (key, code) => {
    const r = await user(key).login(base);
    expect(r.status).toBe(401);
    expect(r.body.code).toBe(code);
    expect(r.cookie).toBeNull();
  });

  it('refuses a tampered challenge, a reused one and one the hub never issued', async () => {
    const tampered = await user('userEntrepreneur').login(base, (s) => s.replace('BPR-HUB-PORTAL', 'BPR-HUB-PORTAX'));
    expect(tampered).toMatchObject({ status: 401, body: { code: 'DIGEST_MISMATCH' } });

    const challenge = (await (await fetch(`${base}/api/v1/auth/challenge`, { method: 'POST' })).json()) as { document: string };
    const signed = await user('userEntrepreneur').sign(challenge.document);
    const post = () => fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ signedDocument: signed }) });
    expect((await post()).status).toBe(200);
    const replay = await post();
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ code: 'CHALLENGE_UNKNOWN' });

    const forged = challenge.document.replace(/<portal:Nonce>[^<]+</, `<portal:Nonce>${'A'.repeat(43)}<`);
    const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ signedDocument: await user('userEntrepreneur').sign(forged) }) });
    expect(r.status).toBe(401);
    expect(await r.json()).toMatchObject({ code: 'CHALLENGE_UNKNOWN' });
  });

  it('ends a session at logout', async () => {
    const r = await user('userEntrepreneur').login(base);
    const headers = { cookie: r.cookie! };
    expect((await fetch(`${base}/api/v1/auth/session`, { headers })).status).toBe(200);
    // The search front door (ahead of Express) reads the session it has cached: logout must reach it too.
    expect((await fetch(`${base}/api/v1/search?q=altyn`, { headers })).status).toBe(200);
    const out = await fetch(`${base}/api/v1/auth/logout`, { method: 'POST', headers });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    const after = await fetch(`${base}/api/v1/auth/session`, { headers });
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ code: 'SESSION_EXPIRED' });
    const search = await fetch(`${base}/api/v1/search?q=altyn`, { headers });
    expect(search.status).toBe(401);
    expect(await search.json()).toMatchObject({ code: 'SESSION_EXPIRED' });
  });

  /** Routes that answer without a session, each for its stated reason (@Public). Anything else must refuse. */
  const PUBLIC_ROUTES = new Set([
    'GET /health', 'GET /metrics', 'POST /api/v1/auth/challenge', 'POST /api/v1/auth/login', 'POST /api/v1/reports/verify', 'POST /ndip/soap',
    'GET /', 'GET /portal/:file', 'GET /api/docs', 'GET /api/docs-json', 'GET /api/docs-yaml',
  ]);

  it('refuses every registered route to a caller without a session, except the public ones', async () => {
    const routes = registeredRoutes(app);
    expect(routes.length).toBeGreaterThan(8);
    const checked: string[] = [];
    for (const { method, path } of routes) {
      const key = `${method} ${path}`;
      if (PUBLIC_ROUTES.has(key) || path.startsWith('/api/docs')) continue;
      const url = base + path.replace(/:(\w+)/g, (_, name: string) => (/id|bin|iin/i.test(name) ? '180340012345' : 'x'));
      const response = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' || method === 'HEAD' ? undefined : '{}' });
      expect({ key, status: response.status }).toEqual({ key, status: 401 });
      const body = (await response.json()) as { code: string };
      expect(['NO_SESSION']).toContain(body.code);
      checked.push(key);
    }
    // the register's and scoring's routes are among them (not only the portal's own)
    expect(checked.some((k) => k.includes('/entities/'))).toBe(true);
    expect(checked).toContain('GET /feeds/status');
    expect(checked).toContain('POST /api/v1/auth/logout');
    // served ahead of Express by the portal's front door, under the same rule
    expect(checked).toContain('GET /api/v1/search');
    const search = await fetch(`${base}/api/v1/search?q=altyn&page=1`);
    expect({ status: search.status, body: await search.json() }).toMatchObject({ status: 401, body: { code: 'NO_SESSION' } });
    expect(checked).toContain('GET /monitoring/regions');
    expect(checked).toContain('GET /api/v1/me/checks');
    // and the public ones do answer without a session
    for (const path of ['/metrics', '/', '/portal/app.js', '/portal/forge.min.js']) expect({ path, status: (await fetch(base + path)).status }).toEqual({ path, status: 200 });
    // the ShEP SOAP door (a middleware outside the guard) answers a message without a session:
    // an unsigned one gets the door's signed Fault naming the missing signature, never 401
    const soap = await fetch(`${base}/ndip/soap`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header/><soap:Body/></soap:Envelope>' });
    expect(soap.status).toBe(500);
    expect(await soap.text()).toMatch(/<shep:errorCode>[A-Z_]+<\/shep:errorCode>/);
  });

  it('the rate limit bites per identity with 429 and Retry-After, and another identity is unaffected', async () => {
    const r = await user('userHead').login(base);
    const headers = { cookie: r.cookie! };
    const statuses = await Promise.all(Array.from({ length: 250 }, () => fetch(`${base}/api/v1/auth/session`, { headers }).then(async (res) => ({ status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() }))));
    const limited = statuses.filter((s) => s.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0].retryAfter)).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(limited[0].body)).toMatchObject({ code: 'RATE_LIMITED' });
    expect(statuses.filter((s) => s.status === 200).length).toBeGreaterThan(0);
    // the entrepreneur's bucket is untouched by the head's flood
    const other = await user('userEntrepreneur').login(base);
    expect((await fetch(`${base}/api/v1/auth/session`, { headers: { cookie: other.cookie! } })).status).toBe(200);
  });
});

/** Every route the HTTP adapter knows, as Express registered it (so a new controller is covered without touching this test). */
function registeredRoutes(app: INestApplication): Array<{ method: string; path: string }> {
  const instance = app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (instance.router ?? instance._router)?.stack ?? [];
  const out: Array<{ method: string; path: string }> = [];
  for (const layer of stack) {
    if (!layer.route) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') out.push({ method: method.toUpperCase(), path: layer.route.path });
  }
  void RequestMethod;
  return out;
}
interface Layer { route?: { path: string; methods: Record<string, boolean> } }
