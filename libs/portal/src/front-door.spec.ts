import { BadRequestException } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { SearchService } from '@hub/register';
import { PortalFrontDoor, plainSearchQuery } from './front-door';
import type { PortalRequest } from './auth/portal.guard';
import type { PortalSession } from './auth/session';
import type { SessionStore } from './auth/session.repository';
import { TokenBuckets } from './auth/token-bucket';

describe('plainSearchQuery', () => {
  it('takes GET /api/v1/search with q, legalForm and page at most once each, decoded as Express decodes them', () => {
    expect(plainSearchQuery('GET', '/api/v1/search?q=%D0%B4%D0%B0%D0%BB%D0%B0+trade&page=2')).toEqual(new Map([['q', 'дала trade'], ['page', '2']]));
    expect(plainSearchQuery('GET', '/api/v1/search')).toEqual(new Map());
  });

  it('leaves everything else to Express: other methods and spellings, repeated, bracketed or unknown parameters', () => {
    for (const [method, url] of [
      ['POST', '/api/v1/search?q=abc'], ['GET', '/api/v1/search/?q=abc'], ['GET', '/api/v1/searchx?q=abc'], ['GET', '/API/v1/search?q=abc'],
      ['GET', '/api/v1/search?q=a&q=b'], ['GET', '/api/v1/search?q[]=abc'], ['GET', '/api/v1/search?q[x]=abc'], ['GET', '/api/v1/search?asOf=1'],
    ]) expect(plainSearchQuery(method, url)).toBeNull();
  });
});

describe('PortalFrontDoor', () => {
  const session: PortalSession = { subjectType: 'individual', iin: '850302300124', bin: null, roles: [], commonName: null, organisation: null, createdAt: new Date(0), expiresAt: new Date(1e13) };
  const sessions = { resolve: async (t: string) => (t === 'good' ? session : null) } as unknown as SessionStore;
  const calls: unknown[][] = [];
  const search = {
    fromQuery: async (q: string | undefined, legalForm: string | undefined, page: number) => {
      calls.push([q, legalForm, page]);
      if (!q) throw new BadRequestException({ code: 'QUERY_TOO_SHORT', message: 'q' });
      return { query: q, results: [] };
    },
  } as unknown as SearchService;
  const door = (limiter = new TokenBuckets(60, 100)) => new PortalFrontDoor({ httpAdapter: undefined } as never, search, sessions, limiter, () => new Date(0));
  const exchange = (headers: Record<string, string>) => {
    const req = { headers, socket: { remoteAddress: '10.0.0.1' } } as unknown as PortalRequest;
    const res = {
      statusCode: 200, headersSent: false, headers: {} as Record<string, unknown>, body: '',
      setHeader(k: string, v: unknown) { this.headers[k.toLowerCase()] = v; },
      end(b: string) { this.body = b; this.headersSent = true; },
    };
    return { req, res, response: res as unknown as ServerResponse };
  };

  it('refuses a search without a live session with the guard\'s 401, and never searches', async () => {
    calls.length = 0;
    for (const headers of [{}, { cookie: 'hub_session=stale' }] as Array<Record<string, string>>) {
      const { req, res, response } = exchange(headers);
      await door().serve(req, response, new Map([['q', 'altyn']]));
      expect(res.statusCode).toBe(401);
      expect(JSON.parse(res.body).code).toBe(headers.cookie ? 'SESSION_EXPIRED' : 'NO_SESSION');
    }
    expect(calls).toEqual([]);
  });

  it('answers a search with a session through the same service and pipes', async () => {
    const { req, res, response } = exchange({ cookie: 'hub_session=good' });
    await door().serve(req, response, new Map([['q', 'altyn'], ['legalForm', ' LLP '], ['page', '2']]));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ query: 'altyn', results: [] });
    expect(calls.at(-1)).toEqual(['altyn', ' LLP ', 2]);
    expect(req.portalSession).toBe(session);
  });

  it('gives the route\'s 400s in Nest\'s shape, and the rate limit\'s 429 with Retry-After', async () => {
    const bad = exchange({ cookie: 'hub_session=good' });
    await door().serve(bad.req, bad.response, new Map([['q', 'altyn'], ['page', '0']]));
    expect(bad.res.statusCode).toBe(400);
    expect(JSON.parse(bad.res.body).code).toBe('PAGE_FORMAT');
    const short = exchange({ cookie: 'hub_session=good' });
    await door().serve(short.req, short.response, new Map());
    expect(JSON.parse(short.res.body)).toMatchObject({ code: 'QUERY_TOO_SHORT' });
    const limited = door(new TokenBuckets(60, 1));
    await limited.serve(exchange({ cookie: 'hub_session=good' }).req, exchange({}).response, new Map([['q', 'altyn']]));
    const refused = exchange({ cookie: 'hub_session=good' });
    await limited.serve(refused.req, refused.response, new Map([['q', 'altyn']]));
    expect(refused.res.statusCode).toBe(429);
    expect(refused.res.headers['retry-after']).toBe('1');
  });
});
