import { HttpException, Inject, Injectable, Logger, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ServerResponse } from 'node:http';
import { HubMetrics, PagePipe, SingleValuePipe, serveAheadOfExpress } from '@hub/platform';
import { SearchService } from '@hub/register';
import { admitRequest, type PortalRequest } from './auth/portal.guard';
import type { SessionStore } from './auth/session.repository';
import type { TokenBuckets } from './auth/token-bucket';
import { PORTAL_CLOCK, RATE_LIMITER, SESSION_STORE } from './portal.tokens';

export const SEARCH_PATH = '/api/v1/search';
const SEARCH_PARAMS = new Set(['q', 'legalForm', 'page']);

/**
 * Pure: the query of a plain `GET /api/v1/search?...` — that exact path, and each parameter one of
 * q, legalForm, page given at most once as `name=value` — else null, and Express serves it (another
 * spelling of the path, a repeated or bracketed parameter, which SingleValuePipe refuses with 400
 * PARAM_NOT_SINGLE, an unknown parameter). For these simple pairs URLSearchParams decodes as
 * Express's extended parser (qs) does: percent escapes and '+' as a space.
 */
export function plainSearchQuery(method: string | undefined, url: string | undefined): Map<string, string> | null {
  if (method !== 'GET' || !url || !url.startsWith(SEARCH_PATH)) return null;
  const rest = url.slice(SEARCH_PATH.length);
  if (rest !== '' && rest[0] !== '?') return null;
  const out = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(rest)) {
    if (!SEARCH_PARAMS.has(key) || out.has(key)) return null;
    out.set(key, value);
  }
  return out;
}

const meta = (name: string) => ({ type: 'query' as const, data: name });

/**
 * Serves the plain search request on the HTTP server itself, ahead of Express and Nest (as NDIP's
 * SoapFrontDoor does for its door). In the search bench's profile the framework's path around a
 * search — Express's router and query parser, Nest's guard, interceptor and pipe chain, rxjs,
 * res.json — cost the hub about 0.9 ms of CPU per exact-BIN lookup against 0.27 ms for a bare
 * node:http server running the same SearchService (bench/search-floor.ts), and at 20 clients on two
 * cores that CPU is the latency.
 *
 * Nothing the route promises is skipped: the session and rate limit are PortalGuard's own rule
 * (admitRequest: 401 and 429 with the same bodies), the parameters go through the same pipes and the
 * same SearchService (400s as the route gives them, in Nest's HttpException shape), the request is
 * counted in hub_http_request_duration_seconds under the route's label, and an unexpected error is
 * logged and answered 500 as Nest's exception filter does. Searches are not checks of a subject
 * (BPR §36 records card views and reports), so nothing is written to the check log, as on the route.
 * Not sent: Express's ETag and X-Powered-By headers.
 *
 * Only the plain set-up this was written for is changed: one request listener. Anything else is left
 * as it is and the Nest route serves every search.
 */
@Injectable()
export class PortalFrontDoor implements OnApplicationBootstrap {
  private readonly logger = new Logger('PortalFrontDoor');
  private readonly admission: { sessions: SessionStore; limiter: TokenBuckets; clock: () => Date };
  private readonly single = new SingleValuePipe();
  private readonly page = new PagePipe();

  constructor(
    private readonly host: HttpAdapterHost,
    private readonly search: SearchService,
    @Inject(SESSION_STORE) sessions: SessionStore,
    @Inject(RATE_LIMITER) limiter: TokenBuckets,
    @Inject(PORTAL_CLOCK) clock: () => Date,
    @Optional() private readonly metrics?: HubMetrics,
  ) {
    this.admission = { sessions, limiter, clock };
  }

  onApplicationBootstrap(): void {
    serveAheadOfExpress(this.host, (req, res) => {
      const query = plainSearchQuery(req.method, req.url);
      if (!query) return false;
      void this.serve(req, res, query);
      return true;
    });
  }

  /** One plain search: admitted as PortalGuard admits, answered as SearchController answers. */
  async serve(req: PortalRequest, res: ServerResponse, query: Map<string, string>): Promise<void> {
    let stop: ((labels: { method: string; route: string; status: string }) => void) | undefined;
    try {
      await admitRequest(req, res, false, this.admission);
      // Counted from admission, as the route's interceptor counts (it runs after the guard).
      stop = this.metrics?.httpDuration.startTimer();
      const page = this.page.transform(query.get('page'), meta('page'));
      const body = await this.search.fromQuery(this.single.transform(query.get('q'), meta('q')), this.single.transform(query.get('legalForm'), meta('legalForm')), page);
      send(res, 200, JSON.stringify(body));
    } catch (error) {
      if (error instanceof HttpException) {
        const r = error.getResponse();
        send(res, error.getStatus(), JSON.stringify(typeof r === 'object' ? r : { statusCode: error.getStatus(), message: r }));
      } else {
        this.logger.error(error);
        send(res, 500, JSON.stringify({ statusCode: 500, message: 'Internal server error' }));
      }
    } finally {
      stop?.({ method: 'GET', route: SEARCH_PATH, status: String(res.statusCode) });
    }
  }
}

function send(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
