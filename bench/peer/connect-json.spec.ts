import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AvroRecordSchema, connectRecord, kindOf, peerTable, snakeCase, tableDdl } from './connect-json';

const schema = (file: string) => JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'schemas', file), 'utf8')) as AvroRecordSchema;

describe('the peer’s JSON-with-schema copy of a feed record', () => {
  const justice = peerTable('peer_justice', schema('justice/legal-entity-registration.v1.avsc'), ['bin']);

  it('keys on the hub table’s primary key and keeps it out of the value', () => {
    expect(justice.keys.map((k) => k.column)).toEqual(['bin']);
    expect(justice.values.map((v) => v.column)).not.toContain('bin');
    expect(justice.values.slice(-2).map((v) => v.column)).toEqual(['source_partition', 'source_offset']);
  });

  it('maps Avro types to Connect types the JDBC sink stores typed', () => {
    expect(kindOf({ type: 'int', logicalType: 'date' })).toEqual({ kind: 'date', optional: false });
    expect(kindOf(['null', { type: 'int', logicalType: 'date' }])).toEqual({ kind: 'date', optional: true });
    expect(kindOf({ type: 'long', logicalType: 'timestamp-millis' })).toEqual({ kind: 'timestamp', optional: false });
    expect(kindOf({ type: 'enum', name: 'E' })).toEqual({ kind: 'string', optional: false });
    expect(kindOf({ type: 'array', name: 'A' })).toEqual({ kind: 'json', optional: false });
    expect(kindOf(['null', 'double'])).toEqual({ kind: 'float64', optional: true });
    expect(snakeCase('initialRegistrationDate')).toBe('initial_registration_date');
  });

  it('writes the JsonConverter envelope with typed payload and nested values as JSON text', () => {
    const record = {
      bin: '123456789012', status: 'ACTIVE', registrationAuthority: 'MoJ', initialRegistrationDate: 19000, lastReregistrationDate: null,
      nameKk: 'a', nameRu: 'b', nameEn: null, shortNameRu: null, legalForm: 'LLP', headFullName: null, headPosition: null,
      okedPrimary: '01110', katoCode: '751110000', address: 'x', eventTime: 1_700_000_000_000,
      founders: [{ kind: 'LEGAL_ENTITY', bin: '210987654321' }], parentOrganization: null,
    };
    const { key, value } = connectRecord(justice, record, { partition: 3, offset: '42' });
    const k = JSON.parse(key) as { schema: { fields: Array<{ field: string }> }; payload: unknown };
    const v = JSON.parse(value) as { schema: { fields: Array<{ field: string; name?: string }> }; payload: Record<string, unknown> };
    expect(k.payload).toEqual({ bin: '123456789012' });
    expect(k.schema.fields.map((f) => f.field)).toEqual(['bin']);
    expect(v.payload).toMatchObject({ initial_registration_date: 19000, event_time: 1_700_000_000_000, source_partition: 3, source_offset: 42, last_reregistration_date: null });
    expect(JSON.parse(v.payload.founders as string)).toEqual(record.founders);
    expect(v.schema.fields.find((f) => f.field === 'event_time')?.name).toBe('org.apache.kafka.connect.data.Timestamp');
    expect(v.schema.fields.find((f) => f.field === 'founders')?.name).toBe('io.debezium.data.Json');
  });

  it('creates the table with the composite key the hub’s own table has', () => {
    const arrears = peerTable('peer_arrears', schema('utility/utility-arrears.v1.avsc'), ['id', 'supplierBin', 'serviceKind', 'billingPeriod']);
    expect(tableDdl(arrears)).toMatch(/PRIMARY KEY \(id, supplier_bin, service_kind, billing_period\)\)$/);
    expect(tableDdl(arrears)).toContain('event_time timestamptz NOT NULL');
  });

  it('refuses a primary key the schema does not have', () => {
    expect(() => peerTable('t', schema('utility/utility-arrears.v1.avsc'), ['nope'])).toThrow(/primary-key field nope/);
  });
});
