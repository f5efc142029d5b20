import { ExecutionContext, HttpException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Public } from '@hub/platform';
import { PortalGuard, sessionToken } from './portal.guard';
import type { PortalSession } from './session';
import type { SessionStore } from './session.repository';
import { TokenBuckets } from './token-bucket';

class Routes {
  @Public('test')
  open(): void {}
  closed(): void {}
}

const session: PortalSession = { subjectType: 'individual', iin: '850302300124', bin: null, roles: [], commonName: null, organisation: null, createdAt: new Date(0), expiresAt: new Date(1e13) };
const store = { resolve: async (t: string) => (t === 'good' ? session : null) } as unknown as SessionStore;

function context(handler: keyof Routes, headers: Record<string, string> = {}, type = 'http') {
  const req: Record<string, unknown> = { headers, ip: '10.0.0.1', socket: {} };
  const res = { headers: {} as Record<string, string>, setHeader(k: string, v: string) { this.headers[k] = v; } };
  const ctx = {
    getType: () => type,
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ExecutionContext;
  return { ctx, req, res };
}

describe('PortalGuard', () => {
  const guard = (limit = new TokenBuckets(60, 100)) => new PortalGuard(new Reflector(), store, limit, () => new Date(0));

  it('refuses a route without @Public to a caller without a session, and names why', async () => {
    await expect(guard().canActivate(context('closed').ctx)).rejects.toThrow(UnauthorizedException);
    await expect(guard().canActivate(context('closed', { cookie: 'hub_session=stale' }).ctx)).rejects.toMatchObject({ response: { code: 'SESSION_EXPIRED' } });
  });

  it('lets a @Public route through without a session, and any route with one (cookie or bearer)', async () => {
    expect(await guard().canActivate(context('open').ctx)).toBe(true);
    const c = context('closed', { cookie: 'a=b; hub_session=good' });
    expect(await guard().canActivate(c.ctx)).toBe(true);
    expect(c.req.portalSession).toBe(session);
    expect(await guard().canActivate(context('closed', { authorization: 'Bearer good' }).ctx)).toBe(true);
  });

  it('does not guard other transports (Kafka handlers)', async () => {
    expect(await guard().canActivate(context('closed', {}, 'rpc').ctx)).toBe(true);
  });

  it('limits public routes too, by address, with 429 and Retry-After', async () => {
    const g = guard(new TokenBuckets(60, 2));
    await g.canActivate(context('open').ctx);
    await g.canActivate(context('open').ctx);
    const c = context('open');
    const error = await g.canActivate(c.ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpException);
    expect((error as HttpException).getStatus()).toBe(429);
    expect(c.res.headers['Retry-After']).toBe('1');
  });

  it('reads the token from the cookie among others, or from a bearer header', () => {
    expect(sessionToken({ headers: { cookie: 'x=1; hub_session=abc; y=2' } } as never)).toBe('abc');
    expect(sessionToken({ headers: { authorization: 'Bearer t0k' } } as never)).toBe('t0k');
    expect(sessionToken({ headers: {} } as never)).toBeNull();
  });
});
