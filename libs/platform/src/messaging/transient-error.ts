import { DatabaseError } from 'pg';

/**
 * How the feed transport treats a failure. Decided by the error's type and code, never by its
 * message text: a record whose own content says "timeout" or "connection" is still a bad record.
 * - INFRASTRUCTURE: the dependency or the deployment is at fault (database down, permission
 *   revoked, table missing, registry unreachable). Retrying the same record later will succeed
 *   once it is fixed, so the partition pauses and alerts; nothing is dead-lettered or committed.
 * - RECORD: this record can never be taken in as it is; retried a bounded number of times, then
 *   dead-lettered with its reason.
 * - UNKNOWN: the error says neither; the transport asks whether its dependencies answer.
 */
export enum FailureKind {
  INFRASTRUCTURE = 'INFRASTRUCTURE',
  RECORD = 'RECORD',
  UNKNOWN = 'UNKNOWN',
}

export interface FailureClass {
  kind: FailureKind;
  /** A short code for logs and metrics, e.g. `pg-42501`, `ECONNREFUSED`, `REGISTRY_UNAVAILABLE`. */
  code: string;
}

/** Thrown by platform code for a dependency that is missing or not answering as it must. */
export class InfrastructureError extends Error {
  constructor(readonly code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InfrastructureError';
  }
}

/** Thrown for a record that can never be taken in, whatever the retry. */
export class RecordError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'RecordError';
  }
}

// SQLSTATE classes about the server, the connection or the deployment (https://www.postgresql.org/docs/current/errcodes-appendix.html):
// 08 connection, 28 authorization, 3D/3F catalog/schema missing, 40 rollback (deadlock,
// serialization), 42 access rule or schema (42501 permission denied, 42P01 missing table, 42703
// missing column: a migration or grant is missing, not a bad record), 53 resources, 55 object
// state (lock not available), 57 operator intervention (shutdown), 58 system, XX internal.
const PG_INFRASTRUCTURE_CLASSES = new Set(['08', '28', '3D', '3F', '40', '42', '53', '55', '57', '58', 'XX']);
// 22 data exception, 23 integrity constraint: about the values a record carries.
const PG_RECORD_CLASSES = new Set(['22', '23']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED',
]);

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function classifyFailure(error: unknown, depth = 0): FailureClass {
  if (!error || typeof error !== 'object' || depth > 5) return { kind: FailureKind.UNKNOWN, code: 'UNKNOWN' };
  if (error instanceof InfrastructureError) return { kind: FailureKind.INFRASTRUCTURE, code: error.code };
  if (error instanceof RecordError) return { kind: FailureKind.RECORD, code: error.code };
  if (error instanceof DatabaseError && typeof error.code === 'string') {
    const cls = error.code.slice(0, 2);
    if (PG_INFRASTRUCTURE_CLASSES.has(cls)) return { kind: FailureKind.INFRASTRUCTURE, code: `pg-${error.code}` };
    if (PG_RECORD_CLASSES.has(cls)) return { kind: FailureKind.RECORD, code: `pg-${error.code}` };
    return { kind: FailureKind.UNKNOWN, code: `pg-${error.code}` };
  }
  const code = codeOf(error);
  if (code && NETWORK_CODES.has(code)) return { kind: FailureKind.INFRASTRUCTURE, code };
  // kafkajs marks what a retry can cure (broker gone, leader moving, request timed out).
  const name = (error as { name?: unknown }).name;
  if (typeof name === 'string' && name.startsWith('KafkaJS')) {
    return (error as { retriable?: unknown }).retriable === true || name === 'KafkaJSNumberOfRetriesExceeded' || name === 'KafkaJSConnectionError'
      ? { kind: FailureKind.INFRASTRUCTURE, code: name }
      : { kind: FailureKind.UNKNOWN, code: name };
  }
  // fetch() and friends wrap the system error: `TypeError: fetch failed { cause: { code } }`.
  const cause = (error as { cause?: unknown }).cause;
  if (cause) {
    const inner = classifyFailure(cause, depth + 1);
    if (inner.kind !== FailureKind.UNKNOWN) return inner;
  }
  return { kind: FailureKind.UNKNOWN, code: code ?? (typeof name === 'string' ? name : 'UNKNOWN') };
}

/** A failure that says by its type or code that a dependency is at fault. */
export function isTransient(error: unknown): boolean {
  return classifyFailure(error).kind === FailureKind.INFRASTRUCTURE;
}
