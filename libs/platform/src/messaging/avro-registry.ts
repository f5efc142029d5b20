import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { projectRoot } from '../project-root';

export enum DecodeFailure {
  NO_VALUE = 'NO_VALUE',
  NOT_WIRE_FORMAT = 'NOT_WIRE_FORMAT',
  UNKNOWN_SCHEMA = 'UNKNOWN_SCHEMA',
  AVRO_MALFORMED = 'AVRO_MALFORMED',
}

/** A record that can never be decoded, whatever the retry: it belongs in the dead-letter topic. */
export class DecodeError extends Error {
  constructor(readonly code: DecodeFailure, message: string) {
    super(message);
  }
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

  constructor(readonly url: string, credentials: RegistryCredentials = {}) {
    const auth = credentials.username ? { username: credentials.username, password: credentials.password ?? '' } : undefined;
    this.client = new SchemaRegistry({ host: url, auth, retry: { retries: 2 } });
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

  async decode(buffer: Buffer | null): Promise<unknown> {
    if (!buffer || buffer.length === 0) throw new DecodeError(DecodeFailure.NO_VALUE, 'record has no value');
    if (buffer.length < HEADER_LENGTH || buffer[0] !== MAGIC_BYTE) {
      throw new DecodeError(DecodeFailure.NOT_WIRE_FORMAT, 'value does not start with the Confluent magic byte 0 and a schema id');
    }
    const schemaId = buffer.readInt32BE(1);
    const type = await this.schemaById(schemaId);
    try {
      return type.fromBuffer(buffer.subarray(HEADER_LENGTH));
    } catch (error) {
      throw new DecodeError(DecodeFailure.AVRO_MALFORMED, `Avro body does not match schema ${schemaId}: ${(error as Error).message}`);
    }
  }

  async ping(): Promise<void> {
    const response = await fetch(`${this.url.replace(/\/$/, '')}/subjects`, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(`registry answered ${response.status}`);
  }

  private async schemaById(schemaId: number): Promise<AvroType> {
    try {
      return await this.client.getSchema(schemaId);
    } catch (error) {
      if (isNotFound(error)) throw new DecodeError(DecodeFailure.UNKNOWN_SCHEMA, `schema id ${schemaId} is not in the registry`);
      throw error; // registry unreachable: transient, the batch is retried
    }
  }
}

function isNotFound(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const status = (error as { status?: number }).status;
  return status === 404;
}
