import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { parseNationalId } from '@hub/identity';

/** A BIN/IIN from a path or body, or 400 with the identity rule's code. */
export function nationalId(input: unknown): string {
  const parsed = parseNationalId(typeof input === 'string' ? input : '');
  if (!parsed.ok) throw new BadRequestException({ statusCode: 400, code: parsed.error, message: `BIN/IIN ${parsed.message}` });
  return parsed.value;
}

/** 404, never 403: whether a thing exists is itself not told to someone who may not see it (BPR §36). */
export const notFound = (what: string): NotFoundException => new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: `no such ${what}` });

export async function readRawBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new HttpException({ statusCode: 413, code: 'TOO_LARGE', message: `body larger than ${maxBytes} bytes` }, 413);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
