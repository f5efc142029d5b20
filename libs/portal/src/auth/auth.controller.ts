import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Public } from '@hub/platform';
import { LOGIN_SERVICE, SESSION_STORE } from '../portal.tokens';
import type { LoginService } from './login.service';
import { CurrentSession, CurrentToken, type PortalRequest } from './portal.guard';
import { SESSION_COOKIE, type PortalSession } from './session';
import type { SessionStore } from './session.repository';

const view = (s: PortalSession) => ({
  subjectType: s.subjectType, iin: s.iin, bin: s.bin, roles: s.roles, commonName: s.commonName, organisation: s.organisation, expiresAt: s.expiresAt.toISOString(),
});

/** HttpOnly (no script reads it), SameSite=Strict (no cross-site request carries it), Secure when the request came over https. */
function sessionCookie(req: PortalRequest, token: string, maxAgeSeconds: number): string {
  const secure = (req as { secure?: boolean }).secure ? '; Secure' : '';
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

@Controller('api/v1/auth')
export class AuthController {
  constructor(@Inject(LOGIN_SERVICE) private readonly login: LoginService, @Inject(SESSION_STORE) private readonly sessions: SessionStore) {}

  /** A one-time challenge to sign with the EDS (stored server-side, short-lived, single use). */
  @Public('the first step of logging in')
  @Post('challenge')
  @HttpCode(200)
  challenge(): Promise<{ nonce: string; audience: string; expiresAt: string; document: string }> {
    return this.login.challenge();
  }

  /**
   * The signed challenge (enveloped XMLDSig) as `{ "signedDocument": "<…>" }`. 200 with the
   * session cookie, or 401 `{ code }` naming the failed check. Scripts add `"wantToken": true` to
   * get the token in the body for `Authorization: Bearer`; the page does not, so no script on it
   * ever holds the token the HttpOnly cookie keeps from it.
   */
  @Public('logging in')
  @Post('login')
  @HttpCode(200)
  async loginWithEds(@Body() body: { signedDocument?: unknown; wantToken?: unknown } | undefined, @Req() req: PortalRequest, @Res({ passthrough: true }) res: ServerResponse): Promise<Record<string, unknown>> {
    const doc = body?.signedDocument;
    if (typeof doc !== 'string' || !doc) throw new UnauthorizedException({ statusCode: 401, code: 'CHALLENGE_MALFORMED', message: 'send { "signedDocument": "<signed XML>" }' });
    const result = await this.login.login(doc);
    if (!result.ok) throw new UnauthorizedException({ statusCode: 401, code: result.code, message: result.message });
    const maxAge = Math.floor((result.session.expiresAt.getTime() - Date.now()) / 1000);
    res.setHeader('Set-Cookie', sessionCookie(req, result.token, maxAge));
    res.setHeader('Cache-Control', 'no-store');
    return body?.wantToken === true ? { token: result.token, cookie: `${SESSION_COOKIE}=${result.token}`, session: view(result.session) } : { session: view(result.session) };
  }

  @Post('logout')
  @HttpCode(200)
  async logout(@CurrentToken() token: string | null, @Req() req: PortalRequest, @Res({ passthrough: true }) res: ServerResponse): Promise<{ loggedOut: true }> {
    if (token) await this.sessions.close(token);
    res.setHeader('Set-Cookie', sessionCookie(req, '', 0));
    return { loggedOut: true };
  }

  /** Who I am logged in as. */
  @Get('session')
  me(@CurrentSession() session: PortalSession): ReturnType<typeof view> {
    return view(session);
  }
}
