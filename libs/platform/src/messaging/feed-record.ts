/** A record as the transport hands it to a feed handler: decoded value plus where it came from. */
export interface FeedRecord<T = unknown> {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** Broker timestamp (ms); the source's own event time lives in the value. */
  timestamp: string;
  value: T;
  raw: Buffer;
  headers: Record<string, string>;
}

export interface FeedBatch<T = unknown> {
  topic: string;
  partition: number;
  records: FeedRecord<T>[];
}

export interface Rejection {
  record: FeedRecord;
  code: string;
  reason: string;
}

/** What a handler returns: the records it refused, each with a reason; the rest were taken in. */
export interface BatchOutcome {
  rejected: Rejection[];
}

export type Validation<C> = { ok: true; value: C } | { ok: false; code: string; reason: string };

/** Splits a batch into validated commands and rejections, keeping each command's record. */
export function validateBatch<T, C>(
  batch: FeedBatch<T>,
  validate: (value: T, record: FeedRecord<T>) => Validation<C>,
): { accepted: Array<{ command: C; record: FeedRecord<T> }>; rejected: Rejection[] } {
  const accepted: Array<{ command: C; record: FeedRecord<T> }> = [];
  const rejected: Rejection[] = [];
  for (const record of batch.records) {
    const result = validate(record.value, record);
    if (result.ok) accepted.push({ command: result.value, record });
    else rejected.push({ record: record, code: result.code, reason: result.reason });
  }
  return { accepted, rejected };
}

/**
 * Within one batch the same key may come twice, and one upsert statement cannot touch a row
 * twice: keep the latest by the source's event time (the first of equal ones).
 */
export function latestByKey<T>(items: readonly T[], key: (item: T) => string, eventTime: (item: T) => Date): T[] {
  const latest = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    const seen = latest.get(k);
    if (!seen || eventTime(item).getTime() > eventTime(seen).getTime()) latest.set(k, item);
  }
  return [...latest.values()];
}
