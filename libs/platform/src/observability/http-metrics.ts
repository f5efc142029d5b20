import { timingSafeEqual } from 'node:crypto';
import { CallHandler, Controller, ExecutionContext, Get, Header, Headers, Inject, Injectable, NestInterceptor, Optional, Res } from '@nestjs/common';

// The express objects, as far as they are used here (@types/express is not a dependency).
interface Request { method: string; baseUrl?: string; route?: { path?: string } }
interface Response {
  statusCode: number;
  once(event: 'finish', listener: () => void): unknown;
  setHeader(name: string, value: string): unknown;
  status(code: number): Response;
  send(body: string): unknown;
}
import { Observable } from 'rxjs';
import { HUB_CONFIG } from '../config/tokens';
import type { HubConfig } from '../config/hub-config';
import { HubMetrics } from './metrics';
import { Public } from '../http/public-route';

/** Times every routed HTTP request by its route pattern (never the raw path: ids would explode the labels). */
@Injectable()
export class HttpMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: HubMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const stop = this.metrics.httpDuration.startTimer();
    response.once('finish', () => {
      const route = `${request.baseUrl ?? ''}${request.route?.path ?? 'unmatched'}`;
      stop({ method: request.method, route, status: String(response.statusCode) });
    });
    return next.handle();
  }
}

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Prometheus text format, for a scraper on the internal network (see infra/PRODUCTION.md). With
 * METRICS_TOKEN set, only a caller presenting it as a bearer token gets an answer.
 */
@Public('scraped by Prometheus on the internal network; METRICS_TOKEN, when set, guards it')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: HubMetrics, @Optional() @Inject(HUB_CONFIG) private readonly config?: HubConfig) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async get(@Res() response: Response, @Headers('authorization') authorization?: string): Promise<void> {
    const token = this.config?.METRICS_TOKEN;
    if (token && !sameSecret(authorization ?? '', `Bearer ${token}`)) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      response.status(401).send('metrics need the bearer token (METRICS_TOKEN)');
      return;
    }
    const body = await this.metrics.text();
    response.setHeader('Content-Type', this.metrics.contentType);
    response.send(body);
  }
}
