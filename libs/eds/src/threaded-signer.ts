import { createHash, type KeyObject } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { ALG } from './algorithms';
import type { Signer } from './signer';

// The worker's whole program. Inline (eval) so it runs the same from dist/ and under ts-jest.
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const { sign } = require('node:crypto');
parentPort.on('message', ({ id, data }) => {
  try { parentPort.postMessage({ id, signature: sign('sha256', data, workerData.key) }); }
  catch (error) { parentPort.postMessage({ id, error: String(error && error.message || error) }); }
});`;

interface Slot { worker: Worker; pending: Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }> }

/**
 * RSA-SHA256 (PKCS#1 v1.5) like RsaSha256Signer, but the private-key operation runs on a few
 * worker threads: the hub's event loop keeps serving requests while signatures are computed on
 * the other cores (issue 14: signed reports at 50 concurrent users). The key is handed to the
 * workers as a KeyObject (cloned into them, never serialised to PEM). Digests stay on the caller's
 * thread (microseconds). Idle workers do not keep the process alive.
 */
export class ThreadedRsaSha256Signer implements Signer {
  readonly signatureMethod = ALG.rsaSha256;
  readonly digestMethod = ALG.sha256;
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private closed = false;

  constructor(private readonly key: KeyObject, readonly certificate: Buffer, threads: number) {
    if (key.asymmetricKeyType !== 'rsa') throw new Error('ThreadedRsaSha256Signer needs an RSA private key');
    if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be a positive integer, got ${threads}`);
    for (let i = 0; i < threads; i++) this.slots.push(this.spawn());
  }

  digest(data: Buffer): Buffer {
    return createHash('sha256').update(data).digest();
  }

  sign(data: Buffer): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('the signer is closed'));
    // the least busy worker
    let slot = this.slots[0];
    for (const s of this.slots) if (s.pending.size < slot.pending.size) slot = s;
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      if (slot.pending.size === 0) slot.worker.ref();
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, data });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(PROGRAM, { eval: true, workerData: { key: this.key } });
    worker.unref();
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (m: { id: number; signature?: Uint8Array; error?: string }) => {
      const waiter = slot.pending.get(m.id);
      if (!waiter) return;
      slot.pending.delete(m.id);
      if (slot.pending.size === 0) worker.unref();
      if (m.signature) waiter.resolve(Buffer.from(m.signature.buffer, m.signature.byteOffset, m.signature.byteLength));
      else waiter.reject(new Error(`signing failed: ${m.error ?? 'unknown error'}`));
    });
    // A worker that dies fails what it was signing (never a silent hang) and is replaced.
    const fail = (error: Error) => {
      for (const w of slot.pending.values()) w.reject(error);
      slot.pending.clear();
      if (this.closed) return;
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots[i] = this.spawn();
    };
    worker.on('error', (e) => fail(e instanceof Error ? e : new Error(String(e))));
    worker.on('exit', (code) => fail(new Error(`signing thread exited with code ${code}`)));
    return slot;
  }
}
