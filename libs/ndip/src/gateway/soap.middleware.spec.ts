import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { HubMetrics, createLogger } from '@hub/platform';
import type { SoapKycDoor } from './soap-door';
import { SoapMiddleware } from './soap.middleware';

/** The SOAP door's HTTP edge on a real socket, with the door itself faked. */
describe('SoapMiddleware', () => {
  const handled: string[] = [];
  let fail = false;
  /** While set, the door holds every message until it resolves. */
  let gate: Promise<void> | null = null;
  const door = {
    handle: async (xml: string) => {
      if (gate) await gate;
      if (fail) throw new Error('database down');
      handled.push(xml);
      return { status: 200, body: '<answer/>' };
    },
  } as unknown as SoapKycDoor;
  const metrics = new HubMetrics({ defaultMetrics: false });
  const middleware = new SoapMiddleware(door, { maxInFlight: 3 }, metrics, createLogger('silent'));
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => void middleware.use(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ndip/soap`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => { handled.length = 0; fail = false; });

  const post = (body: string | Buffer, type = 'text/xml; charset=utf-8') => fetch(url, { method: 'POST', headers: { 'content-type': type }, body });

  it('hands the body to the door and answers its XML', async () => {
    const r = await post('<soap:Envelope>тест</soap:Envelope>');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expect(await r.text()).toBe('<answer/>');
    expect(handled).toEqual(['<soap:Envelope>тест</soap:Envelope>']);
  });

  it('refuses another content type with 415 and an oversized message with 413, without calling the door', async () => {
    const json = await post('{}', 'application/json');
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ message: expect.stringContaining('text/xml') });
    const big = await post(Buffer.alloc(2 * 1024 * 1024 + 1, 0x20));
    expect(big.status).toBe(413);
    expect(handled).toEqual([]);
  });

  /** Writes the head, then the body a chunk at a time (up to 64 MB, never ending it); resolves when the hub cuts the connection, with the answer and the bytes written by then. */
  const sendEndless = (head: string) => new Promise<{ answer: string; written: number }>((resolve, reject) => {
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1');
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let written = 0;
    let answer = '';
    let timer: NodeJS.Timeout | undefined;
    const feed = () => { if (written < 64 * 1024 * 1024 && !socket.destroyed) { socket.write(chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk); written += chunk.length; timer = setTimeout(feed, 5); } };
    const chunked = head.includes('chunked');
    socket.on('data', (d) => { answer += d.toString(); });
    socket.on('error', () => undefined);
    socket.on('close', () => { clearTimeout(timer); if (answer) resolve({ answer, written }); else reject(new Error(`closed without an answer after ${written} bytes`)); });
    socket.write(head);
    feed();
  });

  it('answers 413 at the limit and cuts an endless body off instead of reading it to its end', async () => {
    const chunkedAnswer = await sendEndless('POST /ndip/soap HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n');
    expect(chunkedAnswer.answer).toMatch(/^HTTP\/1\.1 413/);
    expect(chunkedAnswer.written).toBeLessThan(16 * 1024 * 1024);
    // A declared length past the limit is refused before any of the body is read.
    const declared = await sendEndless(`POST /ndip/soap HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: ${64 * 1024 * 1024}\r\n\r\n`);
    expect(declared.answer).toMatch(/^HTTP\/1\.1 413/);
    expect(declared.written).toBeLessThan(16 * 1024 * 1024);
    expect(handled).toEqual([]);
  });

  it('sheds a message past the in-flight limit with 503 and Retry-After, and takes the next once one is done', async () => {
    let open!: () => void;
    gate = new Promise<void>((resolve) => { open = resolve; });
    const held = [post('<a/>'), post('<b/>'), post('<c/>')];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const shed = await post('<d/>');
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('1');
    expect(await shed.json()).toMatchObject({ message: expect.stringContaining('retry') });
    open();
    gate = null;
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await post('<e/>')).status).toBe(200);
    expect(handled.sort()).toEqual(['<a/>', '<b/>', '<c/>', '<e/>']);
  });

  it('answers 500 when the door fails, and times every answer by its status', async () => {
    fail = true;
    const r = await post('<x/>');
    expect(r.status).toBe(500);
    const text = await metrics.registry.metrics();
    for (const status of ['200', '413', '415', '500', '503']) expect(text).toContain(`route="/ndip/soap",status="${status}"`);
  });
});
