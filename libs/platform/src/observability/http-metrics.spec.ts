import { HubConfig, loadConfig } from '../config/hub-config';
import { MetricsController } from './http-metrics';
import { HubMetrics } from './metrics';

function fakeResponse() {
  const r = { statusCode: 200, headers: {} as Record<string, string>, body: '' };
  const response = {
    get statusCode() { return r.statusCode; },
    once: () => response,
    setHeader: (name: string, value: string) => { r.headers[name.toLowerCase()] = value; return response; },
    status: (code: number) => { r.statusCode = code; return response; },
    send: (body: string) => { r.body = body; return response; },
  };
  return { r, response };
}

describe('GET /metrics', () => {
  const metrics = new HubMetrics({ defaultMetrics: false });
  metrics.deadLetters.inc({ topic: 't', code: 'WRONG_SUBJECT' });

  it('answers Prometheus text when no token is configured', async () => {
    const { r, response } = fakeResponse();
    await new MetricsController(metrics, loadConfig({})).get(response);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    expect(r.body).toContain('hub_dead_letters_total{topic="t",code="WRONG_SUBJECT"} 1');
  });

  it('with METRICS_TOKEN, refuses a caller without the bearer token and serves one with it', async () => {
    const config: HubConfig = loadConfig({ METRICS_TOKEN: 'a-long-scrape-token-123' });
    const controller = new MetricsController(metrics, config);
    for (const auth of [undefined, 'Bearer wrong', 'a-long-scrape-token-123']) {
      const { r, response } = fakeResponse();
      await controller.get(response, auth);
      expect(r.statusCode).toBe(401);
      expect(r.body).not.toContain('hub_dead_letters_total');
    }
    const { r, response } = fakeResponse();
    await controller.get(response, 'Bearer a-long-scrape-token-123');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('hub_dead_letters_total');
  });
});
