import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HubMetrics, LOGGER, type Logger } from '@hub/platform';
import { SOAP_DOOR, SOAP_LIMITS } from '../ndip.tokens';
import type { SoapKycDoor } from './soap-door';

export const SOAP_PATH = '/ndip/soap';

export interface SoapLimits {
  /** Messages in flight at once on this instance (NDIP_SOAP_MAX_IN_FLIGHT). */
  maxInFlight: number;
}
const MAX_SOAP_BYTES = 2 * 1024 * 1024;

/**
 * The whole body, or null as soon as it is known to pass the size limit: at once when the declared
 * Content-Length says so, else at the chunk that crosses it. Nothing past the limit is kept.
 */
function readBody(req: IncomingMessage): Promise<string | null> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_SOAP_BYTES) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_SOAP_BYTES) return void chunks.push(chunk);
      req.off('data', onData).off('end', onEnd).pause();
      resolve(null);
    };
    const onEnd = () => resolve(Buffer.concat(chunks).toString('utf8'));
    req.on('data', onData).on('end', onEnd).on('error', reject);
  });
}

function refuse(res: ServerResponse, status: number, message: string): number {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: status, message }));
  return status;
}

/** How long the rest of an oversized body is read and thrown away before the connection is cut. */
const LINGER_MS = 500;

/**
 * After a 413 the unread rest of the body is still coming. Cutting the connection at once would
 * reset it with data unread, and the sender's TCP stack would throw the 413 away unread; reading
 * on forever would let one sender keep the hub draining an endless body. So, as a web server's
 * lingering close does: discard what comes for LINGER_MS, then cut. A body that ends sooner leaves
 * the connection usable.
 */
function lingerThenCut(req: IncomingMessage): void {
  const cut = setTimeout(() => req.socket.destroy(), LINGER_MS);
  req.once('end', () => clearTimeout(cut)).once('close', () => clearTimeout(cut)).resume();
}

/**
 * `POST /ndip/soap` — the ShEP SendMessage door. No session: every message authenticates itself by
 * its WS-Security signature and the sender allow-list, never by nothing (SoapKycDoor).
 *
 * Not a controller: the portal's session guard, interceptors and parameter pipeline have nothing
 * to decide for a machine door, and under 50 concurrent gateway clients they cost about 0.45 ms of
 * the hub's CPU per exchange (2.8 -> 2.3 ms in the KYC bench's SOAP row), a sixth of the whole.
 * Nor behind Express: SoapFrontDoor hands it the door's exact path on the HTTP server itself, and a
 * Nest middleware route takes any other spelling. It is timed in the same HTTP histogram as every
 * routed request.
 */
@Injectable()
export class SoapMiddleware implements NestMiddleware {
  private inFlight = 0;

  constructor(
    @Inject(SOAP_DOOR) private readonly door: SoapKycDoor,
    @Inject(SOAP_LIMITS) private readonly limits: SoapLimits,
    private readonly metrics: HubMetrics,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async use(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const stop = this.metrics.httpDuration.startTimer();
    if (this.inFlight >= this.limits.maxInFlight) {
      // Load shedding: a gateway retries a 503 after Retry-After (or sends it to another instance);
      // a message queued behind a full instance would only be answered late for everyone.
      res.setHeader('Retry-After', '1');
      lingerThenCut(req);
      stop({ method: 'POST', route: SOAP_PATH, status: String(refuse(res, 503, `the hub is working on ${this.inFlight} SOAP messages; retry in 1 s`)) });
      return;
    }
    this.inFlight++;
    let status: number;
    try {
      status = await this.answer(req, res);
    } catch (error) {
      // Not a refusal (those are signed Faults): the database or the signer failed, and nothing was
      // answered. Logged, timed as a 500, and the connection stays usable.
      this.log.error({ err: error }, 'SOAP door failed');
      status = res.headersSent ? res.statusCode : refuse(res, 500, 'the hub could not process the message');
    } finally {
      this.inFlight--;
    }
    stop({ method: 'POST', route: SOAP_PATH, status: String(status) });
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<number> {
    if (!/^(text\/xml|application\/soap\+xml)\b/.test(req.headers['content-type'] ?? '')) return refuse(res, 415, 'Content-Type must be text/xml (SOAP 1.1)');
    const body = await readBody(req);
    if (body === null) {
      lingerThenCut(req);
      return refuse(res, 413, `SOAP message larger than ${MAX_SOAP_BYTES} bytes`);
    }
    const answer = await this.door.handle(body);
    res.writeHead(answer.status, { 'content-type': 'text/xml; charset=utf-8' }).end(answer.body);
    return answer.status;
  }
}
