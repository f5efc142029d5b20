import http from 'node:http';
import path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

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
 * own parsing to the latencies it measures. node:http with an Agent costs a fraction of global
 * fetch's CPU per request, so on a 2-core machine more of it goes to the server.
 */
export function runLoad(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'http-load.js'), { workerData: plan });
    worker.once('message', (m: LoadResult | { error: string }) => ('error' in m ? reject(new Error(m.error)) : resolve(m)));
    worker.once('error', reject);
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`the load worker exited ${code}`)); });
  });
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

function send(agent: http.Agent, plan: LoadPlan, request: LoadRequest): Promise<string> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.path, plan.baseUrl);
    const headers: Record<string, string | number> = { ...plan.headers, ...request.headers };
    if (request.body !== undefined) headers['content-length'] = Buffer.byteLength(request.body);
    const req = http.request(url, { agent, method: request.body === undefined ? 'GET' : 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === plan.expectStatus
        ? resolve(plan.keepBodies ? Buffer.concat(chunks).toString('utf8') : '')
        : reject(new Error(`${request.path} answered ${res.statusCode}: ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

async function work(plan: LoadPlan): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.clients });
  const out: number[] = [];
  const bodies: string[] = [];
  const end = Date.now() + (plan.seconds ?? 0) * 1000;
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: plan.clients }, async (_, client) => {
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
      const body = await send(agent, plan, request);
      out.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (plan.keepBodies && plan.requests) bodies[index] = body;
    }
  }));
  agent.destroy();
  return { latencies: out.sort((a, b) => a - b), ...(plan.keepBodies ? { bodies } : {}) };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  work(workerData as LoadPlan).then((r) => port.postMessage(r), (e: Error) => port.postMessage({ error: e.message }));
}
