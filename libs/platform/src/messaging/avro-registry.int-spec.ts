import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config/hub-config';
import { AvroRegistry, DecodeError, DecodeFailure } from './avro-registry';

const v1 = {
  type: 'record', name: 'Probe', namespace: 'kz.test.v1',
  fields: [{ name: 'bin', type: 'string' }, { name: 'amount', type: 'long' }],
};

describe('AvroRegistry against the real Confluent-compatible registry', () => {
  const registry = new AvroRegistry(loadConfig(process.env).SCHEMA_REGISTRY_URL);
  const subject = `probe-${randomBytes(4).toString('hex')}-value`;

  it('registers a schema and round-trips a value in the Confluent wire format', async () => {
    const id = await registry.register(subject, JSON.stringify(v1));
    const bytes = await registry.encode(id, { bin: '150640012345', amount: 42 });
    expect(bytes[0]).toBe(0);
    expect(bytes.readInt32BE(1)).toBe(id);
    expect(await registry.decode(bytes)).toEqual({ bin: '150640012345', amount: 42 });
    expect(await registry.register(subject, JSON.stringify(v1))).toBe(id);
  });

  it('accepts a BACKWARD-compatible evolution (new optional field with a default)', async () => {
    const v2 = { ...v1, fields: [...v1.fields, { name: 'note', type: ['null', 'string'], default: null }] };
    const id2 = await registry.register(subject, JSON.stringify(v2));
    expect(await registry.latestId(subject)).toBe(id2);
    const bytes = await registry.encode(id2, { bin: '150640012345', amount: 1, note: 'x' });
    expect(await registry.decode(bytes)).toEqual({ bin: '150640012345', amount: 1, note: 'x' });
  });

  it('rejects an incompatible change (a new required field without a default)', async () => {
    const broken = { ...v1, fields: [...v1.fields, { name: 'mandatory', type: 'string' }] };
    await expect(registry.register(subject, JSON.stringify(broken))).rejects.toThrow(/compatib|409|incompatible/i);
  });

  it('classifies undecodable bytes by reason', async () => {
    const id = await registry.latestId(subject);
    const ok = await registry.encode(id, { bin: '150640012345', amount: 7, note: null });
    const unknown = Buffer.from(ok);
    unknown.writeInt32BE(2_000_000_000, 1);
    const truncated = ok.subarray(0, ok.length - 3);
    const cases: Array<[Buffer | null, DecodeFailure]> = [
      [null, DecodeFailure.NO_VALUE],
      [Buffer.from('plain text'), DecodeFailure.NOT_WIRE_FORMAT],
      [unknown, DecodeFailure.UNKNOWN_SCHEMA],
      [truncated, DecodeFailure.AVRO_MALFORMED],
    ];
    for (const [bytes, code] of cases) {
      const error = await registry.decode(bytes).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DecodeError);
      expect((error as DecodeError).code).toBe(code);
    }
  });

  it('treats an unreachable registry as transient, not as a bad record', async () => {
    const down = new AvroRegistry('http://127.0.0.1:1/apis/ccompat/v7');
    const bytes = Buffer.from([0, 0, 0, 0, 1, 2]);
    const error = await down.decode(bytes).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(DecodeError);
  });
});
