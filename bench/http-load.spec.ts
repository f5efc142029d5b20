import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AnswerReader, LoadConnection, type LoadAnswer } from './http-load';

/** Feeds `bytes` to a reader split at every `step` bytes; the answer and the piece it came with. */
function readInPieces(bytes: string, step: number, keepBody = true, expectStatus = 200): { answer: LoadAnswer | null; at: number } {
  const reader = new AnswerReader();
  reader.start(keepBody, expectStatus);
  const buffer = Buffer.from(bytes);
  for (let at = 0; at < buffer.length; at += step) {
    const answer = reader.read(buffer.subarray(at, at + step));
    if (answer) return { answer, at: Math.min(at + step, buffer.length) };
  }
  return { answer: reader.ended(), at: buffer.length };
}

describe('AnswerReader', () => {
  const body = '{"results":["Сәтті","ok"]}';
  const length = Buffer.byteLength(body);

  it('reads a Content-Length answer in one piece or byte by byte, and only then', () => {
    const text = `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n${body}`;
    for (const step of [1, 2, 7, 10_000]) {
      const { answer, at } = readInPieces(text, step);
      expect(answer).toEqual({ status: 200, body, close: false });
      expect(at).toBe(Buffer.byteLength(text));
    }
  });

  it('reads a chunked answer split anywhere, with extensions and trailers', () => {
    const half = Buffer.from(body).subarray(0, 10);
    const rest = Buffer.from(body).subarray(10);
    const text = `HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n${half.length.toString(16)};x=1\r\n${half.toString('latin1')}\r\n${rest.length.toString(16)}\r\n${rest.toString('latin1')}\r\n0\r\nX-Trailer: 1\r\n\r\n`;
    for (const step of [1, 3, 10_000]) {
      const reader = new AnswerReader();
      reader.start(true, 200);
      const buffer = Buffer.from(text, 'latin1');
      let answer: LoadAnswer | null = null;
      for (let at = 0; at < buffer.length && !answer; at += step) answer = reader.read(buffer.subarray(at, at + step));
      expect(answer).toEqual({ status: 200, body, close: false });
    }
  });

  it('reads a body the connection ends, skips a 100 Continue, has no body for 204', () => {
    expect(readInPieces(`HTTP/1.1 200 OK\r\n\r\n${body}`, 5).answer).toEqual({ status: 200, body, close: true });
    expect(readInPieces(`HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok`, 4, true, 201).answer).toEqual({ status: 201, body: 'ok', close: false });
    expect(readInPieces('HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n', 100).answer).toEqual({ status: 204, body: '', close: true });
  });

  it('keeps a body only when asked, or when the status is not the one expected', () => {
    const text = `HTTP/1.1 200 OK\r\nContent-Length: ${length}\r\n\r\n${body}`;
    expect(readInPieces(text, 4, false, 200).answer).toEqual({ status: 200, body: '', close: false });
    expect(readInPieces(text, 4, false, 201).answer).toEqual({ status: 200, body, close: false });
  });

  it('refuses what is not an HTTP answer, and bytes with no request in flight', () => {
    expect(() => readInPieces('SSH-2.0-OpenSSH\r\n\r\n', 100)).toThrow(/not an HTTP/);
    const reader = new AnswerReader();
    expect(() => reader.read(Buffer.from('x'))).toThrow(/no request in flight/);
  });
});

describe('LoadConnection', () => {
  let server: http.Server;
  let port: number;
  const seen: Array<{ method?: string; url?: string; cookie?: string; body: string }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString(); });
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, cookie: req.headers.cookie, body });
        if (req.url === '/chunked') {
          res.write('a'.repeat(70_000));
          res.end('b');
        } else if (req.url === '/close') res.writeHead(200, { connection: 'close' }).end('bye');
        else if (req.url === '/missing') res.writeHead(404).end('no such thing');
        else res.end(JSON.stringify({ echo: body, url: req.url }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const request = (path: string, body?: string) => `${body === undefined ? 'GET' : 'POST'} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: s=1\r\n${body === undefined ? '' : `Content-Length: ${Buffer.byteLength(body)}\r\n`}\r\n${body ?? ''}`;

  it('sends requests one after another on one connection, and again after the server closes it', async () => {
    const connection = new LoadConnection('127.0.0.1', port);
    try {
      expect(await connection.send(request('/a?q=1'), true, 200)).toEqual({ status: 200, body: JSON.stringify({ echo: '', url: '/a?q=1' }), close: false });
      expect(await connection.send(request('/post', 'Сәлем'), true, 200)).toEqual({ status: 200, body: JSON.stringify({ echo: 'Сәлем', url: '/post' }), close: false });
      expect((await connection.send(request('/chunked'), true, 200)).body).toBe(`${'a'.repeat(70_000)}b`);
      expect(await connection.send(request('/close'), false, 200)).toEqual({ status: 200, body: '', close: true });
      expect(await connection.send(request('/missing'), false, 200)).toEqual({ status: 404, body: 'no such thing', close: false });
      expect(await connection.send(request('/b'), false, 200)).toEqual({ status: 200, body: '', close: false });
    } finally {
      connection.close();
    }
    expect(seen.map((s) => [s.method, s.url, s.cookie])).toEqual([
      ['GET', '/a?q=1', 's=1'], ['POST', '/post', 's=1'], ['GET', '/chunked', 's=1'], ['GET', '/close', 's=1'], ['GET', '/missing', 's=1'], ['GET', '/b', 's=1'],
    ]);
  });

  it('fails a request whose connection is refused', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const free = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(new LoadConnection('127.0.0.1', free).send(request('/'), false, 200)).rejects.toThrow(/ECONNREFUSED/);
  });
});
