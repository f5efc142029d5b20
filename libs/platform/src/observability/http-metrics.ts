import { CallHandler, Controller, ExecutionContext, Get, Header, Injectable, NestInterceptor, Res } from '@nestjs/common';

// The express objects, as far as they are used here (@types/express is not a dependency).
interface Request { method: string; baseUrl?: string; route?: { path?: string } }
interface Response { statusCode: number; once(event: 'finish', listener: () => void): unknown; setHeader(name: string, value: string): unknown; send(body: string): unknown }
import { Observable } from 'rxjs';
import { HubMetrics } from './metrics';

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

/** Prometheus text format, for a scraper on the internal network (see infra/PRODUCTION.md). */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: HubMetrics) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async get(@Res() response: Response): Promise<void> {
    const body = await this.metrics.text();
    response.setHeader('Content-Type', this.metrics.contentType);
    response.send(body);
  }
}
