import { createHash } from 'node:crypto';
import { Kafka, Message } from 'kafkajs';
import { AvroRegistry, FEED_TOPICS, Topics, physicalName, valueSubject } from '@hub/platform';
import { FEED_GENERATORS, entityFeedRecords, populationStream } from '@hub/synthetic';
import type { Bag } from './snapshot';

/** The kinds of bad record in the corpus and the reason code each must be dead-lettered with. */
export const POISON_KINDS = ['NO_VALUE', 'NOT_WIRE_FORMAT', 'UNKNOWN_SCHEMA', 'WRONG_SUBJECT', 'AVRO_MALFORMED', 'ID_FORMAT'] as const;
type Kind = (typeof POISON_KINDS)[number];

export interface PoisonRecord { topic: string; logical: string; message: Message; code: Kind }

const valueHash = (v: Buffer | null | undefined) => (v && v.length > 0 ? createHash('sha1').update(v).digest('hex') : 'null');

/**
 * A corpus of bad records, one kind after another round the feed topics: no value, not the wire
 * format, a schema id the registry does not know, another topic's schema id, a body that is not
 * Avro of its schema, and a well-formed utility record whose id is not a BIN/IIN (a domain rule).
 * Keys `poison-<n>` spread them over the partitions.
 */
export async function poisonCorpus(registry: AvroRegistry, prefix: string, count: number, seed: number, now: Date): Promise<PoisonRecord[]> {
  const ids = new Map<string, number>();
  for (const t of FEED_TOPICS) ids.set(t.name, await registry.latestId(valueSubject(physicalName(prefix, t.name))));
  const utility = [...populationStream(500, seed)].flatMap((e) => entityFeedRecords(e, FEED_GENERATORS, seed, now)).find((r) => r.topic === Topics.utilityArrears.name);
  if (!utility) throw new Error('no utility record among 500 entities to build the domain-rule poison from');
  const header = (id: number) => { const b = Buffer.alloc(5); b.writeInt32BE(id, 1); return b; };
  const out: PoisonRecord[] = [];
  for (let i = 0; i < count; i++) {
    const code = POISON_KINDS[i % POISON_KINDS.length];
    const spec = code === 'ID_FORMAT' ? Topics.utilityArrears : FEED_TOPICS[Math.floor(i / POISON_KINDS.length) % FEED_TOPICS.length];
    const other = FEED_TOPICS[(FEED_TOPICS.indexOf(spec) + 1) % FEED_TOPICS.length];
    const key = code === 'ID_FORMAT' ? `12345-${i}` : `poison-${i}`;
    const malformed: Record<Exclude<Kind, 'ID_FORMAT'>, () => Buffer> = {
      NO_VALUE: () => Buffer.alloc(0),
      NOT_WIRE_FORMAT: () => Buffer.from(JSON.stringify({ poison: i, note: 'JSON where Avro is expected' })),
      UNKNOWN_SCHEMA: () => Buffer.concat([header(1_900_000_000 + i), Buffer.from('xx')]),
      WRONG_SUBJECT: () => Buffer.concat([header(ids.get(other.name)!), Buffer.from([i % 256])]),
      AVRO_MALFORMED: () => Buffer.concat([header(ids.get(spec.name)!), Buffer.from([0xff, 0xff, 0xff, i % 256])]),
    };
    const bytes = code === 'ID_FORMAT' ? await registry.encode(ids.get(spec.name)!, { ...(utility.value as object), id: key }) : malformed[code]();
    out.push({ topic: physicalName(prefix, spec.name), logical: spec.name, message: { key, value: bytes, headers: { 'poison-n': String(i) } }, code });
  }
  return out;
}

/** The dead letters the corpus must produce, in the snapshot's terms (code|topic|key|value hash). */
export function expectedDeadLetters(corpus: readonly PoisonRecord[]): Bag {
  const bag: Bag = new Map();
  for (const p of corpus) {
    const k = [p.code, p.logical, String(p.message.key), valueHash(p.message.value as Buffer)].join('|');
    bag.set(k, (bag.get(k) ?? 0) + 1);
  }
  return bag;
}

/**
 * Sends the corpus in 20 slices while the generator publishes the good feed: a slice goes out each
 * time another twentieth of the good records is on the topics, so bad records sit between good ones
 * on every partition from start to end.
 */
export async function interleave(kafka: Kafka, corpus: readonly PoisonRecord[], goodTotal: number, onTopics: () => Promise<number>): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    const slices = 20;
    const per = Math.ceil(corpus.length / slices);
    let sent = 0;
    for (let s = 0; s < slices; s++) {
      const deadline = Date.now() + 600_000;
      while ((await onTopics()) - sent < (goodTotal * s) / slices) {
        if (Date.now() > deadline) throw new Error('the good feed stopped growing while the poison corpus waited');
        await new Promise((r) => setTimeout(r, 100));
      }
      const slice = corpus.slice(s * per, (s + 1) * per);
      const byTopic = new Map<string, Message[]>();
      for (const p of slice) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.message]);
      await producer.sendBatch({ topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
      sent += slice.length;
    }
  } finally {
    await producer.disconnect();
  }
}
