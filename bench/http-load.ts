import net from 'node:net';
import path from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runWorkerTask, serveWorkerTask } from './worker-task';

/** One request of a load run: a path on the server, and a body to POST (none: GET). */
export interface LoadRequest { path: string; body?: string; headers?: Record<string, string> }

export interface LoadPlan {
  baseUrl: string;
  /** Sent with every request (a session cookie, a content type). */
  headers: Record<string, string>;
  clients: number;
  /** Each client takes the next request of the list until it is used up … */
  requests?: readonly LoadRequest[];
  /** … or repeats `repeat` back to back (client i sends repeat[i % length]) for this long. */
  repeat?: readonly LoadRequest[];
  seconds?: number;
  /** The status every answer must have (the run fails on any other). */
  expectStatus: number;
  /**
   * Open loop (`requests` only): request i is due at i / ratePerSecond s after the start, and is sent
   * by the first of `clients` connections free from then on. Its latency counts from when it was due,
   * so time spent waiting for a free connection is charged to it (no coordinated omission).
   */
  ratePerSecond?: number;
  /** Return each answer's body (by request index, `requests` only), to check them after the run. */
  keepBodies?: boolean;
}

export interface LoadResult {
  /** Sorted, in ms, from the request written to the whole answer read. */
  latencies: number[];
  /** With keepBodies: the body answering requests[i] at index i. */
  bodies?: string[];
}

/**
 * HTTP load, closed loop (each client sends its next request when its answer is in) or paced
 * (ratePerSecond), from a worker thread of its own, over keep-alive sockets (one per client).
 * A real client is not in the server's process and does not share its event loop; a load
 * generator on the benchmark's own loop (where the server under test may also run) charges its
 * own parsing to the latencies it measures. Each client is one LoadConnection (HTTP/1.1 by hand,
 * a fraction of node:http's CPU a request, which was itself a fraction of global fetch's), so on a
 * 2-core machine more of it goes to the server.
 */
export function runLoad(plan: LoadPlan): Promise<LoadResult> {
  return runWorkerTask<LoadResult>(path.join(__dirname, 'http-load.js'), plan, 'load');
}

export interface PacedStep { rate: number; p50: number; p99: number; sent: number }

/**
 * The capacity behind a latency target: paced runs of `seconds` each at rising rates, until p99
 * passes `targetP99Ms` or the rates run out. `held` is the highest rate whose p99 met the target
 * (0: none did). Closed-loop clients with no pause measure the machine saturated, where latency is
 * clients ÷ throughput whatever the code; this is the figure a capacity plan needs beside it.
 */
export async function highestPacedRate(
  base: Omit<LoadPlan, 'requests' | 'ratePerSecond' | 'repeat' | 'seconds'>,
  requestsFor: (count: number) => Promise<LoadRequest[]> | LoadRequest[],
  rates: readonly number[], seconds: number, targetP99Ms: number,
): Promise<{ held: number; steps: PacedStep[] }> {
  const steps: PacedStep[] = [];
  let held = 0;
  for (const rate of rates) {
    const requests = await requestsFor(Math.round(rate * seconds));
    const { latencies } = await runLoad({ ...base, requests, ratePerSecond: rate });
    const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
    steps.push({ rate, p50: at(50), p99: at(99), sent: latencies.length });
    if (at(99) > targetP99Ms) break;
    held = rate;
  }
  return { held, steps };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One keep-alive HTTP/1.1 connection of a load client, written and read by hand: a request is one
 * pre-built string, an answer is counted off the socket by its Content-Length (or its chunks, or
 * the connection's end) and its body kept only when asked or when its status is not the one
 * expected. node:http's client (a ClientRequest, an IncomingMessage, header objects and a URL
 * per request) cost the search bench's load worker 0.24-0.35 ms of CPU a request, a tenth of a
 * name search's CPU on a 2-core machine where the generator's CPU is taken from the server's.
 * Latency is measured as before: from the request written to the whole answer read.
 * Why not undici's Client (a library would be the first choice): against a node:http server
 * answering a 3 KB body after 23 ms, 20 clients at ~850 requests/s (the search bench's operating
 * point), process CPU a request was node:http 0.074-0.091 ms, undici 6.29 Client 0.046-0.080 ms,
 * this 0.014-0.026 ms (2026-12-03, two rounds). On this 2-core bench machine the generator's CPU is
 * the server's loss, and only load generation uses this; the hub's own clients use the libraries.
 */
export class LoadConnection {
  private socket: net.Socket | null = null;
  private pending: { resolve: (answer: LoadAnswer) => void; reject: (e: Error) => void } | null = null;
  private readonly reader = new AnswerReader();

  constructor(private readonly host: string, private readonly port: number) {}

  /** Writes `request` (a whole HTTP/1.1 request) and resolves with the answer once it is all read. */
  send(request: string, keepBody: boolean, expectStatus: number): Promise<LoadAnswer> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.reader.start(keepBody, expectStatus);
      (this.socket ?? this.open()).write(request);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private open(): net.Socket {
    const socket = net.connect({ host: this.host, port: this.port });
    socket.setNoDelay(true);
    // Events of a connection already given up (closed after an answer or a failure) are not this one's.
    socket.on('data', (chunk: Buffer) => {
      if (this.socket !== socket) return;
      let done: LoadAnswer | null;
      try {
        done = this.reader.read(chunk);
      } catch (e) {
        this.fail(e as Error);
        return;
      }
      if (done) this.settle(done);
    });
    socket.on('error', (e) => {
      if (this.socket === socket) this.fail(e);
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      const done = this.reader.ended();
      if (done) this.settle(done);
      else this.fail(new Error('the server closed the connection before the answer was complete'));
    });
    this.socket = socket;
    return socket;
  }

  private settle(answer: LoadAnswer): void {
    const pending = this.pending;
    this.pending = null;
    // An answer asking to close (or ended by closing): the next request opens another connection.
    if (answer.close) this.close();
    pending?.resolve(answer);
  }

  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = null;
    this.close();
    pending?.reject(error);
  }
}

export interface LoadAnswer { status: number; body: string; close: boolean }

const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

/**
 * Pure: reads one HTTP/1.1 answer from the chunks a socket delivers (read returns it once
 * complete): its status line and headers, then a body delimited by Content-Length, by chunked
 * transfer coding, or (neither) by the connection's end. Informational (1xx) answers are skipped.
 */
export class AnswerReader {
  private head: Buffer | null = null;
  private state: 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailer' | 'until-close' | 'idle' = 'idle';
  private status = 0;
  private close = false;
  private remaining = 0;
  private line: Buffer | null = null;
  private body: Buffer[] | null = null;
  private keepBody = false;
  private expectStatus = 0;

  start(keepBody: boolean, expectStatus: number): void {
    this.state = 'head';
    this.head = null;
    this.line = null;
    this.body = null;
    this.keepBody = keepBody;
    this.expectStatus = expectStatus;
  }

  /** The answer when `chunk` completes it, else null (more to come). */
  read(chunk: Buffer): LoadAnswer | null {
    let at = 0;
    while (at < chunk.length || this.state === 'head') {
      switch (this.state) {
        case 'idle':
          throw new Error(`${chunk.length - at} bytes arrived with no request in flight`);
        case 'head': {
          const bytes = this.head ? Buffer.concat([this.head, chunk.subarray(at)]) : chunk.subarray(at);
          const end = bytes.indexOf(HEAD_END);
          if (end < 0) {
            this.head = Buffer.from(bytes);
            return null;
          }
          const consumed = end + 4 - (this.head?.length ?? 0);
          this.head = null;
          at += consumed;
          const next = this.begin(bytes.toString('latin1', 0, end));
          if (next === 'idle') return this.finish();
          if (at >= chunk.length && next !== 'head') return null;
          break;
        }
        case 'length':
          at = this.takeRemaining(chunk, at);
          if (this.remaining === 0) return this.finish();
          break;
        case 'until-close':
          this.keep(chunk.subarray(at));
          return null;
        case 'chunk-size':
        case 'trailer': {
          const line = this.readLine(chunk, at);
          if (!line) return null;
          at = line.next;
          if (this.state === 'trailer') {
            if (line.text === '') return this.finish();
          } else {
            const size = parseInt(line.text, 16);
            if (!Number.isFinite(size) || size < 0) throw new Error(`a bad chunk size: ${line.text.slice(0, 40)}`);
            this.remaining = size;
            this.state = size === 0 ? 'trailer' : 'chunk-data';
          }
          break;
        }
        case 'chunk-data':
          at = this.takeRemaining(chunk, at);
          if (this.remaining === 0) this.state = 'chunk-end';
          break;
        case 'chunk-end': {
          const line = this.readLine(chunk, at);
          if (!line) return null;
          at = line.next;
          this.state = 'chunk-size';
          break;
        }
      }
    }
    return null;
  }

  /** Takes up to `remaining` body bytes of the chunk from `at`; returns where it stopped. */
  private takeRemaining(chunk: Buffer, at: number): number {
    const take = Math.min(this.remaining, chunk.length - at);
    this.keep(chunk.subarray(at, at + take));
    this.remaining -= take;
    return at + take;
  }

  /** The answer when the connection's end completes it (a body delimited by the close), else null. */
  ended(): LoadAnswer | null {
    if (this.state !== 'until-close') return null;
    this.close = true;
    return this.finish();
  }

  /** Reads an answer's head; returns the state it leaves (idle: the answer has no body). */
  private begin(head: string): AnswerReader['state'] {
    this.status = Number(head.slice(9, 12));
    if (!/^HTTP\/1\.[01] \d{3}/.test(head)) throw new Error(`not an HTTP/1.x answer: ${head.slice(0, 40)}`);
    // 1xx: another head follows.
    if (this.status < 200) return (this.state = 'head');
    const headers = head.toLowerCase();
    this.close = /\r\nconnection:[ \t]*close/.test(headers) || head.startsWith('HTTP/1.0');
    this.body = this.keepBody || this.status !== this.expectStatus ? [] : null;
    const length = /\r\ncontent-length:[ \t]*(\d+)/.exec(headers);
    if (this.status === 204 || this.status === 304) this.state = 'idle';
    else if (/\r\ntransfer-encoding:[^\r]*chunked/.test(headers)) this.state = 'chunk-size';
    else if (length) {
      this.remaining = Number(length[1]);
      this.state = this.remaining === 0 ? 'idle' : 'length';
    } else this.state = 'until-close';
    return this.state;
  }

  /** One CRLF-ended line from `chunk` at `at` (with what an earlier chunk left), or null (incomplete). */
  private readLine(chunk: Buffer, at: number): { text: string; next: number } | null {
    const end = chunk.indexOf(CRLF, at);
    const tail = this.line;
    // A CR at the end of the part kept and a LF at the start of this chunk end the line too.
    if (tail && tail[tail.length - 1] === 0x0d && chunk[at] === 0x0a) {
      this.line = null;
      return { text: tail.toString('latin1', 0, tail.length - 1), next: at + 1 };
    }
    if (end < 0) {
      this.line = tail ? Buffer.concat([tail, chunk.subarray(at)]) : Buffer.from(chunk.subarray(at));
      return null;
    }
    this.line = null;
    const text = (tail ? tail.toString('latin1') : '') + chunk.toString('latin1', at, end);
    return { text: text.split(';')[0].trim(), next: end + 2 };
  }

  private keep(part: Buffer): void {
    if (this.body && part.length > 0) this.body.push(Buffer.from(part));
  }

  private finish(): LoadAnswer {
    this.state = 'idle';
    const body = this.body ? Buffer.concat(this.body).toString('utf8') : '';
    this.body = null;
    return { status: this.status, body, close: this.close };
  }
}

/** The request's bytes: its line, Host, the plan's and its own headers, and its body. */
function requestText(plan: LoadPlan, host: string, request: LoadRequest): string {
  const headers: Record<string, string | number> = { ...plan.headers, ...request.headers };
  let text = `${request.body === undefined ? 'GET' : 'POST'} ${request.path} HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n`;
  for (const [name, value] of Object.entries(headers)) text += `${name}: ${value}\r\n`;
  if (request.body !== undefined) text += `Content-Length: ${Buffer.byteLength(request.body)}\r\n`;
  return `${text}\r\n${request.body ?? ''}`;
}

async function work(plan: LoadPlan): Promise<LoadResult> {
  const url = new URL(plan.baseUrl);
  const port = Number(url.port || 80);
  const connections = Array.from({ length: plan.clients }, () => new LoadConnection(url.hostname, port));
  // Built before the clock starts: the bytes of each distinct request (a repeat list's, or each of the list's).
  const texts = new Map<LoadRequest, string>();
  const textOf = (request: LoadRequest): string => {
    let text = texts.get(request);
    if (text === undefined) texts.set(request, (text = requestText(plan, url.host, request)));
    return text;
  };
  for (const request of plan.requests ?? plan.repeat ?? []) textOf(request);
  const out: number[] = [];
  const bodies: string[] = [];
  const end = Date.now() + (plan.seconds ?? 0) * 1000;
  let next = 0;
  const t0 = process.hrtime.bigint();
  try {
    await Promise.all(connections.map(async (connection, client) => {
      for (;;) {
        let request: LoadRequest | undefined;
        const index = next;
        if (plan.requests) request = plan.requests[next++];
        else if (plan.repeat && Date.now() < end) request = plan.repeat[client % plan.repeat.length];
        if (!request) return;
        let started = process.hrtime.bigint();
        if (plan.ratePerSecond) {
          const due = t0 + BigInt(Math.round((index * 1e9) / plan.ratePerSecond));
          if (due > started) await sleep(Number(due - started) / 1e6);
          started = due;
        }
        const answer = await connection.send(textOf(request), plan.keepBodies === true, plan.expectStatus);
        out.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (answer.status !== plan.expectStatus) throw new Error(`${request.path} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
        if (plan.keepBodies && plan.requests) bodies[index] = answer.body;
      }
    }));
  } finally {
    for (const connection of connections) connection.close();
  }
  return { latencies: out.sort((a, b) => a - b), ...(plan.keepBodies ? { bodies } : {}) };
}

if (!isMainThread && parentPort) serveWorkerTask(() => work(workerData as LoadPlan));
