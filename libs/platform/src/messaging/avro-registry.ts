import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { projectRoot } from '../project-root';
import { RegistryUnavailableError, SubjectSchemaIds } from './subject-schema-ids';
import { RecordError } from './transient-error';

export enum DecodeFailure {
  NO_VALUE = 'NO_VALUE',
  NOT_WIRE_FORMAT = 'NOT_WIRE_FORMAT',
  UNKNOWN_SCHEMA = 'UNKNOWN_SCHEMA',
  AVRO_MALFORMED = 'AVRO_MALFORMED',
  /** The schema id exists but is not a version of the topic's subject (`<topic>-value`). */
  WRONG_SUBJECT = 'WRONG_SUBJECT',
}

/** A record that can never be decoded, whatever the retry: it belongs in the dead-letter topic. */
export class DecodeError extends RecordError {
  constructor(override readonly code: DecodeFailure, message: string) {
    super(code, message);
    this.name = 'DecodeError';
  }
}

/** Where a record comes from, so its schema id can be checked against the topic's subject. */
export interface DecodeContext {
  subject: string;
  /** Broker timestamp (ms): a subject cache fetched after it already knows every version the producer used. */
  producedAt: number;
  /** Subjects refreshed during this batch: at most one registry round trip per subject and batch. */
  refreshed: Set<string>;
}

interface AvroType {
  fromBuffer(buffer: Buffer): unknown;
}

const MAGIC_BYTE = 0;
const HEADER_LENGTH = 5;

export interface RegistryCredentials {
  username?: string;
  password?: string;
}

/**
 * Avro in the Confluent wire format (magic byte 0, 4-byte schema id, Avro body) through a
 * Confluent-compatible registry. Decoding is done here rather than by the library so each failure
 * gets its own reason code and a registry outage is never mistaken for a bad record.
 */
export class AvroRegistry {
  readonly client: SchemaRegistry;
  private readonly latestIds = new Map<string, number>();
  // The hot path: a cache hit decodes synchronously, without a promise per record.
  private readonly typesById = new Map<number, AvroType>();
  private readonly subjectIds: SubjectSchemaIds;

  constructor(readonly url: string, credentials: RegistryCredentials = {}) {
    const auth = credentials.username ? { username: credentials.username, password: credentials.password ?? '' } : undefined;
    this.client = new SchemaRegistry({ host: url, auth, retry: { retries: 2 } });
    const headers: Record<string, string> = auth ? { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` } : {};
    this.subjectIds = new SubjectSchemaIds(url, headers);
  }

  static readSchemaFile(relativePath: string): string {
    return readFileSync(path.join(projectRoot(), 'schemas', relativePath), 'utf8');
  }

  /** Registers (or finds) the schema under the subject; the registry enforces compatibility. */
  async register(subject: string, schemaJson: string): Promise<number> {
    const { id } = await this.client.register({ type: SchemaType.AVRO, schema: schemaJson }, { subject });
    this.latestIds.set(subject, id);
    return id;
  }

  async latestId(subject: string): Promise<number> {
    const known = this.latestIds.get(subject);
    if (known !== undefined) return known;
    const id = await this.client.getLatestSchemaId(subject);
    this.latestIds.set(subject, id);
    return id;
  }

  async encode(schemaId: number, value: unknown): Promise<Buffer> {
    return this.client.encode(schemaId, value);
  }

  /**
   * With a context, the schema id must also be a version of the topic's subject (TopicNameStrategy):
   * a record written with another topic's schema may decode, yet it is not this feed's record.
   */
  async decode(buffer: Buffer | null, context?: DecodeContext): Promise<unknown> {
    if (!buffer || buffer.length === 0) throw new DecodeError(DecodeFailure.NO_VALUE, 'record has no value');
    if (buffer.length < HEADER_LENGTH || buffer[0] !== MAGIC_BYTE) {
      throw new DecodeError(DecodeFailure.NOT_WIRE_FORMAT, 'value does not start with the Confluent magic byte 0 and a schema id');
    }
    const schemaId = buffer.readInt32BE(1);
    if (context && !this.subjectIds.knows(context.subject, schemaId) && !(await this.subjectIds.includes(context.subject, schemaId, context.producedAt, context.refreshed))) {
      await this.schemaById(schemaId); // an id the registry does not know at all is UNKNOWN_SCHEMA
      throw new DecodeError(DecodeFailure.WRONG_SUBJECT, `schema id ${schemaId} is not a version of subject ${context.subject}`);
    }
    const type = await this.schemaById(schemaId);
    try {
      return type.fromBuffer(buffer.subarray(HEADER_LENGTH));
    } catch (error) {
      throw new DecodeError(DecodeFailure.AVRO_MALFORMED, `Avro body does not match schema ${schemaId}: ${(error as Error).message}`);
    }
  }

  /** Liveness: the global compatibility setting, a constant-time answer (listing subjects grows with the registry). */
  async ping(): Promise<void> {
    const response = await fetch(`${this.url.replace(/\/$/, '')}/config`, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(`registry answered ${response.status}`);
  }

  private async schemaById(schemaId: number): Promise<AvroType> {
    try {
      return await this.client.getSchema(schemaId);
    } catch (error) {
      if (isNotFound(error)) throw new DecodeError(DecodeFailure.UNKNOWN_SCHEMA, `schema id ${schemaId} is not in the registry`);
      throw new RegistryUnavailableError('REGISTRY_UNAVAILABLE', `registry could not give schema ${schemaId}: ${(error as Error).message}`, { cause: error });
    }
  }
}

function isNotFound(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const status = (error as { status?: number }).status;
  return status === 404;
}
