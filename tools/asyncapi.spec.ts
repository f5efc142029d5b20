import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ALL_TOPICS, deadLetterName } from '@hub/platform';
import { ASYNCAPI_FILE, renderAsyncApi } from './asyncapi';

const root = path.resolve(__dirname, '..');

describe('AsyncAPI document', () => {
  it(`${ASYNCAPI_FILE} matches the topic catalog and schemas/ (run \`npm run asyncapi\` after changing either)`, () => {
    const file = path.join(root, ASYNCAPI_FILE);
    expect(existsSync(file) ? readFileSync(file, 'utf8') : '(missing)').toBe(renderAsyncApi(root));
  });

  it('has a channel for every topic and dead-letter twin, with its Avro schema in the Confluent wire format', () => {
    const doc = JSON.parse(renderAsyncApi(root)) as {
      asyncapi: string;
      channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
      operations: Record<string, { action: string; channel: { $ref: string } }>;
      components: { messages: Record<string, { payload: { schemaFormat?: string; schema?: { name: string } }; bindings?: { kafka: { schemaIdPayloadEncoding: string } } }> };
    };
    expect(doc.asyncapi).toBe('3.0.0');
    const addresses = Object.values(doc.channels).map((c) => c.address).sort();
    const expected = ALL_TOPICS.flatMap((t) => (t.deadLetter ? [t.name, deadLetterName(t.name)] : [t.name])).sort();
    expect(addresses).toEqual(expected);
    for (const [id, channel] of Object.entries(doc.channels)) {
      for (const m of Object.values(channel.messages)) expect(doc.components.messages[m.$ref.split('/').pop()!]).toBeDefined();
      expect(Object.values(doc.operations).some((o) => o.channel.$ref === `#/channels/${id}`)).toBe(true);
    }
    const stat = doc.components.messages.StatisticalEntity;
    expect(stat.payload.schemaFormat).toMatch(/^application\/vnd\.apache\.avro\+json/);
    expect(stat.payload.schema?.name).toBe('StatisticalEntity');
    expect(stat.bindings?.kafka.schemaIdPayloadEncoding).toBe('confluent');
  });
});
