import { DatabaseError } from 'pg';
import { DecodeError, DecodeFailure } from './avro-registry';
import { RegistryUnavailableError } from './subject-schema-ids';
import { FailureKind, InfrastructureError, RecordError, classifyFailure, isTransient } from './transient-error';

const pg = (code: string, message = 'error') => Object.assign(new DatabaseError(message, 100, 'error'), { code });
const sys = (code: string, message = 'error') => Object.assign(new Error(message), { code });

describe('classifyFailure', () => {
  it.each([
    ['connection refused', sys('ECONNREFUSED'), FailureKind.INFRASTRUCTURE],
    ['connection reset', sys('ECONNRESET'), FailureKind.INFRASTRUCTURE],
    ['fetch failed, refused underneath', new TypeError('fetch failed', { cause: sys('ECONNREFUSED') }), FailureKind.INFRASTRUCTURE],
    ['undici connect timeout', sys('UND_ERR_CONNECT_TIMEOUT'), FailureKind.INFRASTRUCTURE],
    ['pg connection failure 08006', pg('08006'), FailureKind.INFRASTRUCTURE],
    ['pg permission denied 42501', pg('42501', 'permission denied for table entities'), FailureKind.INFRASTRUCTURE],
    ['pg missing table 42P01', pg('42P01', 'relation "src_stat.entities" does not exist'), FailureKind.INFRASTRUCTURE],
    ['pg missing column 42703', pg('42703'), FailureKind.INFRASTRUCTURE],
    ['pg deadlock 40P01', pg('40P01'), FailureKind.INFRASTRUCTURE],
    ['pg admin shutdown 57P01', pg('57P01', 'terminating connection due to administrator command'), FailureKind.INFRASTRUCTURE],
    ['pg too many connections 53300', pg('53300'), FailureKind.INFRASTRUCTURE],
    ['pg invalid password 28P01', pg('28P01'), FailureKind.INFRASTRUCTURE],
    ['pg unique violation 23505', pg('23505'), FailureKind.RECORD],
    ['pg invalid text representation 22P02', pg('22P02'), FailureKind.RECORD],
    ['pg value too long 22001', pg('22001'), FailureKind.RECORD],
    ['registry unreachable', new RegistryUnavailableError('REGISTRY_UNAVAILABLE', 'registry answered 503'), FailureKind.INFRASTRUCTURE],
    ['platform infrastructure error', new InfrastructureError('X', 'x'), FailureKind.INFRASTRUCTURE],
    ['undecodable record', new DecodeError(DecodeFailure.AVRO_MALFORMED, 'bad body'), FailureKind.RECORD],
    ['record error', new RecordError('BAD', 'bad'), FailureKind.RECORD],
    ['kafkajs retriable', Object.assign(new Error('leader not available'), { name: 'KafkaJSProtocolError', retriable: true }), FailureKind.INFRASTRUCTURE],
    ['kafkajs connection', Object.assign(new Error('Connection error'), { name: 'KafkaJSConnectionError' }), FailureKind.INFRASTRUCTURE],
  ])('%s -> %s', (_what, error, kind) => {
    expect(classifyFailure(error).kind).toBe(kind);
  });

  it.each([
    ['a record error that mentions a timeout', new Error('upstream timeout while parsing the record')],
    ['a record error that mentions a connection', new Error('Connection terminated unexpectedly in field "address"')],
    ['a plain message about termination', new Error('terminating: value out of range')],
    ['a plain error', new Error('value too long')],
  ])('message text alone decides nothing: %s -> UNKNOWN', (_what, error) => {
    expect(classifyFailure(error)).toEqual({ kind: FailureKind.UNKNOWN, code: 'Error' });
    expect(isTransient(error)).toBe(false);
  });

  it('names the code for logs and metrics', () => {
    expect(classifyFailure(pg('42501')).code).toBe('pg-42501');
    expect(classifyFailure(new TypeError('fetch failed', { cause: sys('ECONNREFUSED') })).code).toBe('ECONNREFUSED');
  });

  it.each([null, undefined, 'text', 42])('%p -> UNKNOWN', (value) => {
    expect(classifyFailure(value).kind).toBe(FailureKind.UNKNOWN);
  });
});
