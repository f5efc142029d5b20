import { Worker, parentPort } from 'node:worker_threads';

/** What a bench worker sends its parent: progress lines, then its result or its failure. */
type WorkerMessage<R> = { log: string } | { error: string } | { result: R };

/**
 * Runs `file` (a compiled bench module) in a worker thread with `data` and resolves with the result
 * its `serveWorkerTask` sends. A bench worker keeps its heap and event loop out of the measuring
 * process (the load generator's parsing, the seeding's million names).
 */
export function runWorkerTask<R>(file: string, data: unknown, what: string, log: (m: string) => void = () => undefined): Promise<R> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: data });
    worker.on('message', (m: WorkerMessage<R>) => {
      if ('log' in m) log(m.log);
      else if ('error' in m) reject(new Error(m.error));
      else resolve(m.result);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`the ${what} worker exited ${code}`)); });
  });
}

/** The worker's side: runs `task` and sends its progress lines and its result (or failure) to the parent. */
export function serveWorkerTask<R>(task: (log: (m: string) => void) => Promise<R>): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorkerTask runs in a worker thread only');
  const send = (m: WorkerMessage<R>) => port.postMessage(m);
  task((line) => send({ log: line })).then((result) => send({ result }), (e: Error) => send({ error: e.stack ?? e.message }));
}
