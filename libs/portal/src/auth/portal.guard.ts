import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable, UnauthorizedException, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PUBLIC_ROUTE } from '@hub/platform';
import { PORTAL_CLOCK, RATE_LIMITER, SESSION_STORE } from '../portal.tokens';
import { SESSION_COOKIE, type PortalSession } from './session';
import type { SessionStore } from './session.repository';
import type { TokenBuckets } from './token-bucket';

/** Express' request as far as the portal reads it (no @types/express in the project). */
export type PortalRequest = IncomingMessage & { ip?: string; portalSession?: PortalSession; portalToken?: string };

/** The session token from the cookie, or from `Authorization: Bearer` (scripts, `npm run portal:login`). */
export function sessionToken(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  const cookie = req.headers.cookie;
  if (!cookie) return null;
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim()) || null;
  }
  return null;
}

/**
 * Security by default (issue 14 item 3), one global guard for every HTTP route:
 * 1. resolves the session (cookie or bearer token), if any;
 * 2. takes a token from the caller's bucket — the session's IIN, else the client address — and
 *    answers 429 with Retry-After when it is empty, so the login and verify doors are limited too;
 * 3. lets a route marked `@Public(reason)` through, and refuses everything else without a
 *    session with 401 NO_SESSION. A new route is protected unless it says otherwise.
 * Kafka handlers (other transports) are not HTTP and are not guarded here.
 */
@Injectable()
export class PortalGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(SESSION_STORE) readonly sessions: SessionStore,
    @Inject(RATE_LIMITER) readonly limiter: TokenBuckets,
    @Inject(PORTAL_CLOCK) readonly clock: () => Date,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<string | undefined>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    await admitRequest(context.switchToHttp().getRequest<PortalRequest>(), context.switchToHttp().getResponse<ServerResponse>(), !!isPublic, this);
    return true;
  }
}

/**
 * The guard's rule for one HTTP request (steps 1-3 of PortalGuard), shared with the front door that
 * serves search ahead of Express (PortalFrontDoor): resolves the session onto `req`, takes a token
 * from the caller's bucket, and throws 429 or 401 as the guard does.
 */
export async function admitRequest(
  req: PortalRequest, res: ServerResponse, isPublic: boolean,
  deps: { readonly sessions: SessionStore; readonly limiter: TokenBuckets; readonly clock: () => Date },
): Promise<void> {
  const now = deps.clock();
  const token = sessionToken(req);
  const session = token ? await deps.sessions.resolve(token, now) : null;
  if (session && token) {
    req.portalSession = session;
    req.portalToken = token;
  }
  const identity = session ? `iin:${session.iin}` : `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
  const wait = deps.limiter.take(identity, now.getTime());
  if (wait > 0) {
    res.setHeader('Retry-After', String(wait));
    throw new HttpException({ statusCode: 429, code: 'RATE_LIMITED', message: `too many requests; retry in ${wait} s` }, HttpStatus.TOO_MANY_REQUESTS);
  }
  if (isPublic || session) return;
  throw new UnauthorizedException({ statusCode: 401, code: token ? 'SESSION_EXPIRED' : 'NO_SESSION', message: 'log in with your EDS first: POST /api/v1/auth/challenge, then /api/v1/auth/login' });
}

/** The caller's session in a handler of a non-public route (the guard has put it there). */
export const CurrentSession = createParamDecorator((_: unknown, context: ExecutionContext): PortalSession => {
  const session = context.switchToHttp().getRequest<PortalRequest>().portalSession;
  if (!session) throw new UnauthorizedException({ statusCode: 401, code: 'NO_SESSION', message: 'log in with your EDS first' });
  return session;
});

/** The raw token of the caller's session (logout). */
export const CurrentToken = createParamDecorator((_: unknown, context: ExecutionContext): string | null => context.switchToHttp().getRequest<PortalRequest>().portalToken ?? null);
