/**
 * The peer's copy of the feeds (issue #16): each decoded Avro record of a feed topic rewritten as
 * Kafka Connect JSON-with-schema (JsonConverter, `schemas.enable=true`), the key a struct of the
 * hub table's primary-key fields, the value every other field. Scalars keep their types (Avro date
 * and timestamp-millis become Connect Date and Timestamp); nested records and arrays become
 * Debezium's Json text, stored as jsonb, as the hub stores founders. Pure: no I/O.
 *
 * Why JSON rather than Avro through a registry-aware converter: Confluent's AvroConverter is not on
 * Maven Central; JSON-with-schema is what Connect itself ships. The schema rides in every record,
 * the standard cost of that converter, not a handicap added here.
 */

type AvroType = string | AvroType[] | { type: AvroType; logicalType?: string; name?: string; fields?: AvroField[] };
interface AvroField { name: string; type: AvroType }
export interface AvroRecordSchema { name: string; fields: AvroField[] }

type Kind = 'string' | 'int32' | 'int64' | 'float32' | 'float64' | 'boolean' | 'date' | 'timestamp' | 'json';

export interface PeerColumn { avro: string; column: string; kind: Kind; optional: boolean }

export interface PeerTable {
  table: string;
  keys: PeerColumn[];
  values: PeerColumn[];
  /** The envelope's schemas, serialized once: every record repeats them, as JsonConverter expects. */
  keySchemaJson: string;
  valueSchemaJson: string;
}

const PG_TYPES: Record<Kind, string> = {
  string: 'text', int32: 'int', int64: 'bigint', float32: 'real', float64: 'double precision', boolean: 'boolean', date: 'date', timestamp: 'timestamptz', json: 'jsonb',
};
const CONNECT_TYPES: Record<Kind, object> = {
  string: { type: 'string' }, int32: { type: 'int32' }, int64: { type: 'int64' }, float32: { type: 'float' }, float64: { type: 'double' }, boolean: { type: 'boolean' },
  date: { type: 'int32', name: 'org.apache.kafka.connect.data.Date', version: 1 },
  timestamp: { type: 'int64', name: 'org.apache.kafka.connect.data.Timestamp', version: 1 },
  // Debezium's semantic type for JSON text: the JDBC sink binds it to jsonb on PostgreSQL.
  json: { type: 'string', name: 'io.debezium.data.Json', version: 1 },
};

export const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function kindOf(type: AvroType): { kind: Kind; optional: boolean } {
  if (Array.isArray(type)) {
    const rest = type.filter((t) => t !== 'null');
    if (rest.length !== 1) return { kind: 'json', optional: rest.length < type.length };
    return { kind: kindOf(rest[0]).kind, optional: rest.length < type.length };
  }
  if (typeof type === 'object') {
    if (type.logicalType === 'date') return { kind: 'date', optional: false };
    if (type.logicalType === 'timestamp-millis') return { kind: 'timestamp', optional: false };
    if (type.type === 'enum') return { kind: 'string', optional: false };
    if (type.type === 'record' || type.type === 'array' || type.type === 'map') return { kind: 'json', optional: false };
    return kindOf(type.type);
  }
  const scalars: Record<string, Kind> = { string: 'string', int: 'int32', long: 'int64', float: 'float32', double: 'float64', boolean: 'boolean' };
  const kind = scalars[type];
  if (!kind) throw new Error(`no peer column type for Avro ${type}`);
  return { kind, optional: false };
}

const connectStruct = (name: string, columns: PeerColumn[]) => JSON.stringify({
  type: 'struct', name, optional: false, fields: columns.map((c) => ({ field: c.column, ...CONNECT_TYPES[c.kind], optional: c.optional })),
});

/** Where the record was read: the peer stores it, so its completion can be seen row by row. */
const POSITION: PeerColumn[] = [{ avro: '', column: 'source_partition', kind: 'int32', optional: false }, { avro: '', column: 'source_offset', kind: 'int64', optional: false }];

export function peerTable(table: string, schema: AvroRecordSchema, primaryKey: readonly string[]): PeerTable {
  const columns = schema.fields.map((f) => ({ avro: f.name, column: snakeCase(f.name), ...kindOf(f.type) }));
  const keys = primaryKey.map((k) => {
    const c = columns.find((x) => x.avro === k);
    if (!c || c.optional) throw new Error(`${schema.name}: primary-key field ${k} is missing or optional`);
    return c;
  });
  const values = [...columns.filter((c) => !primaryKey.includes(c.avro)), ...POSITION];
  return { table, keys, values, keySchemaJson: connectStruct(`${schema.name}Key`, keys), valueSchemaJson: connectStruct(schema.name, values) };
}

export function tableDdl(t: PeerTable): string {
  const cols = [...t.keys, ...t.values].map((c) => `${c.column} ${PG_TYPES[c.kind]}${c.optional ? '' : ' NOT NULL'}`);
  return `CREATE TABLE ${t.table} (${cols.join(', ')}, PRIMARY KEY (${t.keys.map((k) => k.column).join(', ')}))`;
}

const cell = (c: PeerColumn, v: unknown): unknown => {
  if (v === null || v === undefined) return null;
  if (c.kind === 'json') return JSON.stringify(v);
  if (v instanceof Date) return c.kind === 'date' ? Math.floor(v.getTime() / 86_400_000) : v.getTime();
  return v;
};

const payload = (columns: PeerColumn[], record: Record<string, unknown>, position?: { partition: number; offset: string }) => {
  const out: Record<string, unknown> = {};
  for (const c of columns) out[c.column] = cell(c, record[c.avro]);
  if (position) { out.source_partition = position.partition; out.source_offset = Number(position.offset); }
  return JSON.stringify(out);
};

/** The Connect record (key, value) for one decoded Avro record (avsc: unions unwrapped). */
export function connectRecord(t: PeerTable, record: Record<string, unknown>, position: { partition: number; offset: string }): { key: string; value: string } {
  const values = t.values.slice(0, -POSITION.length);
  return {
    key: `{"schema":${t.keySchemaJson},"payload":${payload(t.keys, record)}}`,
    value: `{"schema":${t.valueSchemaJson},"payload":${payload(values, record, position)}}`,
  };
}
