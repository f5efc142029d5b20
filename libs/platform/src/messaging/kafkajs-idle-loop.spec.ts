import { KAFKAJS_VERSION, PATCHED_KAFKAJS_VERSION, RequestQueue, RequestQueueInstance, UPSTREAM_SCHEDULE_CHECK, fixIdleRequestQueueLoop } from './kafkajs-idle-loop';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A queue on a fake connection: `sent` lists the correlation ids written to the socket. */
function queue(maxInFlightRequests: number | null = null): { q: RequestQueueInstance; sent: number[]; push: (id: number) => void } {
  const q = new RequestQueue({ maxInFlightRequests, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: 'spec', broker: 'broker:9092', logger: silent });
  const sent: number[] = [];
  const push = (correlationId: number): void => q.push({
    entry: { apiKey: 1, apiName: 'Fetch', apiVersion: 11, correlationId, resolve: () => undefined, reject: () => undefined },
    expectResponse: true,
    sendRequest: () => { sent.push(correlationId); },
  });
  return { q, sent, push };
}

describe('kafkajs RequestQueue idle loop', () => {
  beforeAll(() => expect(fixIdleRequestQueueLoop()).toBe(true));
  beforeEach(() => jest.useFakeTimers({ now: 1_800_000_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('is applied to the kafkajs release it was written for only (another release: look at it again)', () => {
    expect(KAFKAJS_VERSION).toBe(PATCHED_KAFKAJS_VERSION);
    expect(fixIdleRequestQueueLoop('2.2.5')).toBe(false);
  });

  it('kafkajs as installed still re-arms a 1 ms check forever on an idle queue (else this fix can go)', () => {
    const { q } = queue();
    q.scheduleCheckPendingRequests = UPSTREAM_SCHEDULE_CHECK;
    const checks = jest.spyOn(q, 'checkPendingRequests');
    q.checkPendingRequests();
    jest.advanceTimersByTime(100);
    expect(checks.mock.calls.length).toBeGreaterThan(50);
    q.destroy();
  });

  it('arms no timer on an idle queue, after an answer either', () => {
    const { q, sent, push } = queue();
    q.checkPendingRequests();
    expect(jest.getTimerCount()).toBe(0);
    push(1);
    expect(sent).toEqual([1]);
    q.fulfillRequest({ correlationId: 1, payload: null, size: 0 });
    expect(q.throttleCheckTimeoutId).toBeNull();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('sends a request held by the in-flight limit when the one in flight is answered, then goes quiet', () => {
    const { q, sent, push } = queue(1);
    push(1);
    push(2);
    expect(sent).toEqual([1]);
    jest.advanceTimersByTime(50); // still held: the 10 ms re-check keeps looking, as in kafkajs
    expect(sent).toEqual([1]);
    q.fulfillRequest({ correlationId: 1, payload: null, size: 0 });
    expect(sent).toEqual([1, 2]);
    q.fulfillRequest({ correlationId: 2, payload: null, size: 0 });
    jest.advanceTimersByTime(20); // the last armed re-check finds nothing and arms no other
    expect(jest.getTimerCount()).toBe(0);
  });

  it('sends a request queued during a broker throttle when the throttle ends, not before', () => {
    const { q, sent, push } = queue();
    q.maybeThrottle(500);
    push(1);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(499);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(2);
    expect(sent).toEqual([1]);
    q.fulfillRequest({ correlationId: 1, payload: null, size: 0 });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('sends a request queued at a throttle that ends this very millisecond (kafkajs#1532: it once waited for the broker to drop the connection)', () => {
    const { q, sent, push } = queue();
    q.throttledUntil = Date.now() + 1;
    push(1);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(1); // the throttle's end: checked with nothing left to wait for
    jest.advanceTimersByTime(10);
    expect(sent).toEqual([1]);
  });
});
