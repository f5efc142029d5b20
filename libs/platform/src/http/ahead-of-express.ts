import type { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';

/**
 * Puts `claim` on the HTTP server itself, ahead of Express (the SOAP door, the portal's plain
 * search): a request it claims (returns true, and answers it) never reaches Express's router, Nest's
 * body parsers or its interceptors; any other goes on to them. Only the plain set-up this is written
 * for is changed: one request listener (Nest's Express app, or another door already ahead of it).
 * Returns whether the door was put in place.
 */
export function serveAheadOfExpress(host: HttpAdapterHost, claim: (req: IncomingMessage, res: ServerResponse) => boolean): boolean {
  const server = host.httpAdapter?.getHttpServer() as Server | undefined;
  if (!server || typeof server.listeners !== 'function') return false;
  const listeners = server.listeners('request') as RequestListener[];
  if (listeners.length !== 1) return false;
  const [next] = listeners;
  server.removeListener('request', next);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!claim(req, res)) next.call(server, req, res);
  });
  return true;
}
