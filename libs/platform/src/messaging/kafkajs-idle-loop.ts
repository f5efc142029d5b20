// kafkajs exports no RequestQueue and ships no types for its sources: the class as far as it is used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as RequestQueueClass;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const KAFKAJS_VERSION = (require('kafkajs/package.json') as { version: string }).version;

/** The kafkajs release whose RequestQueue this replaces a method of (see fixIdleRequestQueueLoop). */
export const PATCHED_KAFKAJS_VERSION = '2.2.4';

/** kafkajs's own wait before looking at requests queued behind the in-flight limit again. */
const CHECK_PENDING_REQUESTS_INTERVAL = 10;

export interface RequestQueueInstance {
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  pending: unknown[];
  inflight: Map<number, unknown>;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
  maybeThrottle(clientSideThrottleTime: number | null): void;
  push(request: { entry: { apiKey: number; apiName: string; apiVersion: number; correlationId: number; resolve: (v: unknown) => void; reject: (e: unknown) => void }; expectResponse: boolean; sendRequest: () => void; requestTimeout?: number }): void;
  fulfillRequest(response: { correlationId: number; payload: Buffer | null; size: number }): void;
  destroy(): void;
}

export interface RequestQueueClass {
  new (options: { maxInFlightRequests?: number | null; requestTimeout: number; enforceRequestTimeout: boolean; clientId: string; broker: string; logger: unknown }): RequestQueueInstance;
  prototype: RequestQueueInstance;
}

/** The method as kafkajs ships it, kept for the tests that show the loop is still there. */
export const UPSTREAM_SCHEDULE_CHECK = RequestQueue.prototype.scheduleCheckPendingRequests;

/**
 * kafkajs arms this timer as its own check of the pending requests ends, whether or not any are
 * pending: with no throttle, `throttledUntil - Date.now()` is negative (throttledUntil starts at -1)
 * and Node runs the timer after 1 ms, which checks and arms it again, on every broker connection,
 * from its first answer on, forever (tulios/kafkajs#1556 and #1704; the fixes #1667 and #1768 are
 * not released). An idle hub's event loop woke ~1,600 times a second for it (strace: epoll_pwait
 * 15,931 in 10 s; 3,879 with this) and its CPU went from ~105 to ~65 ms a second.
 *
 * Here the timer is armed only when it has something to do, as before: pending requests (at the
 * throttle's end, or after kafkajs's 10 ms while only the in-flight limit holds them), or a throttle
 * still running. With nothing pending and no throttle nothing waits on it: a request pushed later is
 * sent at once or queued, and queueing calls this again (push), as do every answer and every
 * request timeout (checkPendingRequests).
 */
function scheduleCheckPendingRequests(this: RequestQueueInstance): void {
  if (this.throttleCheckTimeoutId) return;
  let scheduleAt = this.throttledUntil - Date.now();
  if (this.pending.length > 0) scheduleAt = scheduleAt > 0 ? scheduleAt : CHECK_PENDING_REQUESTS_INTERVAL;
  else if (scheduleAt <= 0) return;
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, scheduleAt);
}

/**
 * Replaces RequestQueue's scheduleCheckPendingRequests (above) once per process, for the kafkajs
 * release it was written against only: another release may have fixed it or changed the queue, and
 * the unit test fails until this is looked at again.
 */
export function fixIdleRequestQueueLoop(version = KAFKAJS_VERSION): boolean {
  if (version !== PATCHED_KAFKAJS_VERSION) return false;
  RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
  return true;
}

export { RequestQueue, KAFKAJS_VERSION };
