import { readFileSync } from 'node:fs';
import path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { HubConfig } from '@hub/platform';
import { getJson, loginCookie, testConfig } from '@hub/test-support';
import { startHub } from '../apps/hub/src/hub.app';

/** The API document is generated from the controllers; the checked-in copy must match what the hub serves. */
describe('OpenAPI for /api/v1', () => {
  let config: HubConfig;
  let app: INestApplication;
  let base: string;
  let cookie: string;

  beforeAll(async () => {
    config = testConfig();
    app = await startHub(config);
    base = await app.getUrl();
    cookie = await loginCookie(base);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('docs/openapi.json is what the hub serves at /api/docs-json (run `npm run openapi` after changing an endpoint)', async () => {
    const served = await getJson(`${base}/api/docs-json`);
    expect(served.status).toBe(200);
    const checkedIn = JSON.parse(readFileSync(path.join(__dirname, '..', 'docs', 'openapi.json'), 'utf8')) as unknown;
    expect(served.body).toEqual(checkedIn);
  });

  it('documents the v1 endpoints and none of the redirected old routes', async () => {
    const { body } = await getJson(`${base}/api/docs-json`) as { body: { paths: Record<string, unknown> } };
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining([
      '/api/v1/entities/{id}', '/api/v1/entities/{id}/card', '/api/v1/entities/{id}/scores', '/api/v1/search',
    ]));
    expect(Object.keys(body.paths).filter((p) => p.startsWith('/entities'))).toEqual([]);
    const ui = await fetch(`${base}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toMatch(/swagger/i);
  });

  it('refuses an array where one value is expected, with one pipe for every endpoint', async () => {
    const scores = await getJson(`${base}/api/v1/entities/180340012345/scores?asOf[]=1&asOf[]=2`, cookie);
    expect(scores).toMatchObject({ status: 400, body: { code: 'PARAM_NOT_SINGLE' } });
    const repeated = await getJson(`${base}/api/v1/entities/180340012345/scores?asOf=2026-01-01&asOf=2026-02-01`, cookie);
    expect(repeated).toMatchObject({ status: 400, body: { code: 'PARAM_NOT_SINGLE' } });
    const badId = await getJson(`${base}/api/v1/entities/12345/card`, cookie);
    expect(badId).toMatchObject({ status: 400, body: { code: 'ID_FORMAT' } });
  });
});
