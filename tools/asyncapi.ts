import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEAD_LETTER_RETENTION_MS, DLQ_HEADERS, TopicSpec, Topics, deadLetterName, valueSubject } from '@hub/platform';

/** Where the generated document lives; `npm run asyncapi` rewrites it, a unit test fails on drift. */
export const ASYNCAPI_FILE = 'docs/asyncapi.json';

const KAFKA_BINDING = '0.5.0';
const AVRO_FORMAT = 'application/vnd.apache.avro+json;version=1.9.0';

interface AvroRecord { name: string; namespace?: string; doc?: string }

const DEAD_LETTER_HEADERS: Record<keyof typeof DLQ_HEADERS, string> = {
  code: 'Reason code (e.g. BIN_CHECK_DIGIT, UNKNOWN_SCHEMA, WRONG_SUBJECT, HANDLER_REJECTED).',
  reason: 'The reason in plain words.',
  topic: 'Topic the record was read from.',
  partition: 'Partition it was read from.',
  offset: 'Offset it was read from.',
  failedAt: 'When it was dead-lettered (ISO 8601).',
};

/**
 * AsyncAPI 3.0 for every topic in the catalog: the channel (address, key, partitions, retention),
 * the Avro schema from schemas/ with the Confluent wire format and TopicNameStrategy
 * (`<topic>-value`), and each feed's dead-letter twin. Feeds with a dead-letter twin are the ones
 * the hub consumes (`receive`); the others it publishes (`send`). Topics are sorted by catalog
 * key, so additions by different branches merge and regenerate cleanly.
 */
export function renderAsyncApi(root: string): string {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; description: string };
  const entries = (Object.entries(Topics) as Array<[string, TopicSpec]>).sort(([a], [b]) => a.localeCompare(b));
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};

  for (const [id, spec] of entries) {
    let messageId: string | undefined;
    if (spec.valueSchema) {
      const schema = JSON.parse(readFileSync(path.join(root, 'schemas', spec.valueSchema), 'utf8')) as AvroRecord;
      messageId = schema.name;
      messages[messageId] = {
        name: schema.name,
        title: `${schema.namespace ? `${schema.namespace}.` : ''}${schema.name}`,
        summary: schema.doc,
        contentType: 'application/octet-stream',
        description: `Avro in the Confluent wire format: magic byte 0, 4-byte schema id, Avro body. Schema file: schemas/${spec.valueSchema}.`,
        payload: { schemaFormat: AVRO_FORMAT, schema },
        bindings: {
          kafka: { key: { type: 'string' }, schemaIdLocation: 'payload', schemaIdPayloadEncoding: 'confluent', schemaLookupStrategy: 'TopicNameStrategy', bindingVersion: KAFKA_BINDING },
        },
      };
    }
    const consumed = spec.deadLetter;
    channels[id] = {
      address: spec.name,
      description: [
        `Key: ${spec.key}.`,
        spec.valueSchema ? `Value subject: ${valueSubject(spec.name)} (BACKWARD compatibility).` : 'No registered value schema.',
        spec.timestampType ? `Timestamps: ${spec.timestampType} (set by the broker on arrival).` : undefined,
        'A deployment may prefix the address (TOPIC_PREFIX).',
      ].filter(Boolean).join(' '),
      messages: messageId ? { [messageId]: { $ref: `#/components/messages/${messageId}` } } : {},
      bindings: {
        kafka: {
          partitions: spec.partitions,
          ...(spec.retentionMs ? { topicConfiguration: { 'retention.ms': spec.retentionMs } } : {}),
          bindingVersion: KAFKA_BINDING,
        },
      },
    };
    if (messageId) {
      operations[`${consumed ? 'receive' : 'send'}${id[0].toUpperCase()}${id.slice(1)}`] = {
        action: consumed ? 'receive' : 'send',
        channel: { $ref: `#/channels/${id}` },
        summary: consumed ? `The hub consumes ${spec.name}.` : `The hub publishes ${spec.name}.`,
        messages: [{ $ref: `#/channels/${id}/messages/${messageId}` }],
      };
    }
    if (spec.deadLetter) {
      const dlq = `${id}DeadLetters`;
      channels[dlq] = {
        address: deadLetterName(spec.name),
        description: `Records of ${spec.name} that could not be taken in: the source's key and original bytes, why and where in headers.`,
        messages: { DeadLetter: { $ref: '#/components/messages/DeadLetter' } },
        bindings: { kafka: { partitions: spec.partitions, topicConfiguration: { 'retention.ms': DEAD_LETTER_RETENTION_MS }, bindingVersion: KAFKA_BINDING } },
      };
      operations[`send${dlq[0].toUpperCase()}${dlq.slice(1)}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${dlq}` },
        summary: `The hub dead-letters records of ${spec.name}.`,
        messages: [{ $ref: `#/channels/${dlq}/messages/DeadLetter` }],
      };
    }
  }

  messages.DeadLetter = {
    name: 'DeadLetter',
    title: 'Dead letter',
    summary: 'A record that could not be taken in, byte for byte as the source sent it.',
    contentType: 'application/octet-stream',
    headers: {
      type: 'object',
      required: Object.values(DLQ_HEADERS),
      properties: Object.fromEntries((Object.keys(DLQ_HEADERS) as Array<keyof typeof DLQ_HEADERS>).map((k) => [DLQ_HEADERS[k], { type: 'string', description: DEAD_LETTER_HEADERS[k] }])),
    },
    payload: { type: 'string', format: 'binary', description: 'The original value bytes, unchanged (replayable with `npm run dlq:replay`).' },
  };

  const doc = {
    asyncapi: '3.0.0',
    info: {
      title: 'KZ integration hub',
      version: pkg.version,
      description: `${pkg.description}. Generated by \`npm run asyncapi\` from the topic catalog (libs/platform/src/messaging/topics) and schemas/; do not edit.`,
    },
    servers: {
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description: 'The local stack (infra/stack.sh); production brokers come from KAFKA_BROKERS.',
        bindings: { kafka: { schemaRegistryUrl: 'http://127.0.0.1:8081/apis/ccompat/v7', schemaRegistryVendor: 'apicurio', bindingVersion: KAFKA_BINDING } },
      },
    },
    channels,
    operations,
    components: { messages },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(path.join(process.cwd(), ASYNCAPI_FILE), renderAsyncApi(process.cwd()));
  process.stdout.write(`wrote ${ASYNCAPI_FILE}\n`);
}
