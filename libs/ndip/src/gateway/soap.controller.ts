import { Controller, HttpException, Inject, Post, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Public } from '@hub/platform';
import { SOAP_DOOR } from '../ndip.tokens';
import type { SoapKycDoor } from './soap-door';

const MAX_SOAP_BYTES = 2 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_SOAP_BYTES) throw new HttpException(`SOAP message larger than ${MAX_SOAP_BYTES} bytes`, 413);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `POST /ndip/soap` — the ShEP SendMessage door. No session: every message authenticates itself
 * by its WS-Security signature and the sender allow-list, never by nothing.
 */
@Public('machine door: every SOAP message authenticates itself by its WS-Security signature and the sender allow-list')
@Controller('ndip')
export class SoapController {
  constructor(@Inject(SOAP_DOOR) private readonly door: SoapKycDoor) {}

  @Post('soap')
  async sendMessage(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    const type = req.headers['content-type'] ?? '';
    if (!/^(text\/xml|application\/soap\+xml)\b/.test(type)) {
      res.writeHead(415, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 415, message: 'Content-Type must be text/xml (SOAP 1.1)' }));
      return;
    }
    const answer = await this.door.handle(await readBody(req));
    res.writeHead(answer.status, { 'content-type': 'text/xml; charset=utf-8' }).end(answer.body);
  }
}
