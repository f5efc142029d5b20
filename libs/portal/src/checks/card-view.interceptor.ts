import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, mergeMap } from 'rxjs';
import type { PortalRequest } from '../auth/portal.guard';
import { CHECK_LOG } from '../portal.tokens';
import type { CheckLog } from './check-log';

/** The register's card route, as Express names it. */
export const CARD_ROUTE = '/api/v1/entities/:id/card';

/**
 * Every card view is a check (BPR §36): after the register's card handler answers, and before the
 * answer leaves, the view is recorded with who (the session), whom, when, the card as shown and
 * its index values. If the record cannot be written the card is not shown (fail closed). The
 * register itself knows nothing of sessions; the portal wraps its route.
 */
@Injectable()
export class CardViewInterceptor implements NestInterceptor {
  constructor(@Inject(CHECK_LOG) private readonly checks: CheckLog) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<PortalRequest & { route?: { path?: string }; method?: string }>();
    const session = req.portalSession;
    if (req.method !== 'GET' || req.route?.path !== CARD_ROUTE || !session) return next.handle();
    return next.handle().pipe(
      mergeMap(async (card: unknown) => {
        const c = (card ?? {}) as { id?: unknown; conscientiousnessIndex?: { value?: unknown; category?: unknown } | null };
        const subject = typeof c.id === 'string' ? c.id : String((req as { params?: Record<string, string> }).params?.id ?? '');
        const idx = c.conscientiousnessIndex;
        const values = idx ? { TAXPAYER_CONSCIENTIOUSNESS: { value: idx.value, category: idx.category } } : {};
        await this.checks.record(session, subject, 'CARD', card, values);
        return card;
      }),
    );
  }
}
