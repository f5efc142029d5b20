import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import { serveAheadOfExpress } from '@hub/platform';
import { SOAP_PATH, SoapMiddleware } from './soap.middleware';

/** Exactly the door's own request line, `POST /ndip/soap` (a query string aside). */
export function isSoapDoorRequest(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  return req.method === 'POST' && url.startsWith(SOAP_PATH) && (url.length === SOAP_PATH.length || url.charCodeAt(SOAP_PATH.length) === 0x3f /* ? */);
}

/**
 * Hands the gateway's messages to the SOAP door on the HTTP server itself, ahead of Express. As a
 * Nest middleware the door still sat behind Express's router and Nest's global body parsers (each
 * reads the content type to decide it has nothing to parse): about 4% of the hub's event-loop time
 * in a CPU profile of the KYC bench's server-side SOAP run, and none of it decides anything for a
 * machine door (the session guard, interceptors and rate limit were already outside it). Any other spelling Express
 * would route to the door (another case, a trailing slash) still reaches the same door through
 * the middleware route NdipModule keeps, so behaviour does not depend on which path a message took.
 *
 * Only the plain set-up this was written for is changed: one request listener (Nest's Express
 * app). Anything else is left as it is and the middleware route serves every message.
 */
@Injectable()
export class SoapFrontDoor implements OnApplicationBootstrap {
  constructor(private readonly host: HttpAdapterHost, private readonly door: SoapMiddleware) {}

  onApplicationBootstrap(): void {
    serveAheadOfExpress(this.host, (req, res) => {
      if (!isSoapDoorRequest(req)) return false;
      void this.door.use(req, res);
      return true;
    });
  }
}
