import { createHash } from 'node:crypto';
import { Kafka, KafkaMessage } from 'kafkajs';
import { AvroRegistry, DLQ_HEADERS, FEED_TOPICS, Topics, deadLetterName, physicalName } from '@hub/platform';
import type { FaultRun } from './fault-run';

/** Multisets of canonical rows/records, by where they live (table, topic). */
export type Bag = Map<string, number>;
export interface Snapshot {
  /** schema.table -> canonical row -> count */
  tables: Map<string, Bag>;
  /** source|subject|kind -> the last index published for it (without computedAt) */
  indexes: Map<string, string>;
  /** index messages published in all (recomputes after a restart publish some twice) */
  indexMessages: number;
  /** dead letters: code|source topic|key|value hash -> count */
  deadLetters: Bag;
}

/** Stamped by the hub when it writes, so they differ between any two runs: not part of a row's content. */
const WRITE_TIME_COLUMNS = ['updated_at', 'received_at', 'observed_at', 'created_at', 'queued_at', 'drawn_at'];
/** Bookkeeping, not ingested content (the outboxes are checked empty by the drain). */
const SKIP_TABLES = new Set(['schema_migrations', 'recompute_outbox', 'feed_activity']);

const bump = (bag: Bag, key: string, n = 1) => bag.set(key, (bag.get(key) ?? 0) + n);

async function readTopic(kafka: Kafka, topic: string): Promise<KafkaMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  let ends: { partition: number; high: string; low: string }[];
  try {
    if (!(await admin.listTopics()).includes(topic)) return [];
    ends = await admin.fetchTopicOffsets(topic);
  } finally {
    await admin.disconnect();
  }
  const remaining = new Map(ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high)]));
  if (remaining.size === 0) return [];
  const out: KafkaMessage[] = [];
  const consumer = kafka.consumer({ groupId: `faults-reader-${createHash('md5').update(topic + Math.random()).digest('hex').slice(0, 12)}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let done!: () => void;
    const finished = new Promise<void>((r) => { done = r; });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        out.push(...batch.messages);
        const last = Number(batch.messages[batch.messages.length - 1]?.offset ?? -1);
        if (last + 1 >= (remaining.get(batch.partition) ?? 0)) remaining.delete(batch.partition);
        if (remaining.size === 0) done();
      },
    });
    await Promise.race([finished, new Promise((_, reject) => setTimeout(() => reject(new Error(`reading ${topic} took over 300 s`)), 300_000).unref())]);
  } finally {
    await consumer.disconnect();
  }
  return out;
}

/**
 * Every source table row for row (write-time columns left out, the run's topic prefix removed),
 * the last preliminary index per subject and kind, and every dead letter.
 */
export async function takeSnapshot(run: FaultRun, registry: AvroRegistry): Promise<Snapshot> {
  const ignore = WRITE_TIME_COLUMNS;
  const tables = new Map<string, Bag>();
  const list = await run.query<{ t: string; name: string }>(
    `SELECT table_schema || '.' || table_name AS t, table_name AS name FROM information_schema.tables
     WHERE table_schema LIKE 'src\\_%' AND table_type = 'BASE TABLE' ORDER BY 1`);
  for (const { t, name } of list) {
    if (SKIP_TABLES.has(name)) continue;
    const rows = await run.query<{ r: string }>(`SELECT replace((to_jsonb(x) - $1::text[])::text, $2, '') AS r FROM ${t} x`, [ignore, run.prefix]);
    const bag: Bag = new Map();
    for (const { r } of rows) bump(bag, r);
    tables.set(t, bag);
  }

  const indexes = new Map<string, string>();
  const indexMessages = await readTopic(run.kafka, physicalName(run.prefix, Topics.preliminaryIndexes.name));
  for (const m of indexMessages) {
    const v = (await registry.decode(m.value)) as Record<string, unknown> & { source: string; subjectId: string; indexKind: string };
    const { computedAt: _computedAt, ...content } = v;
    indexes.set(`${v.source}|${v.subjectId.trim()}|${v.indexKind}`, JSON.stringify(content));
  }

  const deadLetters: Bag = new Map();
  const sources = [...FEED_TOPICS, Topics.preliminaryIndexes, Topics.publicFacts].map((t) => physicalName(run.prefix, t.name));
  for (const source of sources) {
    for (const m of await readTopic(run.kafka, deadLetterName(source))) {
      const header = (name: string) => m.headers?.[name]?.toString() ?? '';
      const value = m.value && m.value.length > 0 ? createHash('sha1').update(m.value).digest('hex') : 'null';
      bump(deadLetters, [header(DLQ_HEADERS.code), header(DLQ_HEADERS.topic).replace(run.prefix, ''), m.key?.toString() ?? '', value].join('|'));
    }
  }
  return { tables, indexes, indexMessages: indexMessages.length, deadLetters };
}

/** The same snapshot with these columns left out of every row (both sides of a comparison get it). */
export function withoutColumns(s: Snapshot, columns: readonly string[]): Snapshot {
  if (columns.length === 0) return s;
  const tables = new Map<string, Bag>();
  for (const [t, bag] of s.tables) {
    const out: Bag = new Map();
    for (const [row, n] of bag) {
      const o = JSON.parse(row) as Record<string, unknown>;
      for (const c of columns) delete o[c];
      bump(out, JSON.stringify(o), n);
    }
    tables.set(t, out);
  }
  return { ...s, tables };
}

export interface Difference { lost: number; duplicated: number; examples: string[] }

/** What `expected` has that `actual` lacks (lost), and what `actual` has beyond it (duplicated or extra). */
export function compareBags(where: string, expected: Bag, actual: Bag): Difference {
  const d: Difference = { lost: 0, duplicated: 0, examples: [] };
  for (const [k, n] of expected) {
    const m = actual.get(k) ?? 0;
    if (m < n) { d.lost += n - m; if (d.examples.length < 3) d.examples.push(`${where} missing: ${k.slice(0, 300)}`); }
  }
  for (const [k, m] of actual) {
    const n = expected.get(k) ?? 0;
    if (m > n) { d.duplicated += m - n; if (d.examples.length < 6) d.examples.push(`${where} extra: ${k.slice(0, 300)}`); }
  }
  return d;
}

export interface Comparison {
  rowsLost: number; rowsExtra: number;
  indexesLost: number; indexesDiffer: number; indexesExtra: number;
  deadLettersLost: number; deadLettersExtra: number;
  examples: string[];
}

export function compareSnapshots(clean: Snapshot, fault: Snapshot): Comparison {
  const c: Comparison = { rowsLost: 0, rowsExtra: 0, indexesLost: 0, indexesDiffer: 0, indexesExtra: 0, deadLettersLost: 0, deadLettersExtra: 0, examples: [] };
  for (const t of new Set([...clean.tables.keys(), ...fault.tables.keys()])) {
    const d = compareBags(t, clean.tables.get(t) ?? new Map<string, number>(), fault.tables.get(t) ?? new Map<string, number>());
    c.rowsLost += d.lost;
    c.rowsExtra += d.duplicated;
    c.examples.push(...d.examples);
  }
  for (const [k, v] of clean.indexes) {
    const w = fault.indexes.get(k);
    if (w === undefined) { c.indexesLost++; if (c.examples.length < 12) c.examples.push(`index missing: ${k}`); } else if (w !== v) { c.indexesDiffer++; if (c.examples.length < 12) c.examples.push(`index differs: ${k}`); }
  }
  for (const k of fault.indexes.keys()) if (!clean.indexes.has(k)) { c.indexesExtra++; if (c.examples.length < 12) c.examples.push(`index extra: ${k}`); }
  const d = compareBags('dead letters', clean.deadLetters, fault.deadLetters);
  c.deadLettersLost = d.lost;
  c.deadLettersExtra = d.duplicated;
  c.examples.push(...d.examples);
  return c;
}

export function snapshotSize(s: Snapshot): { rows: number; indexes: number; deadLetters: number } {
  let rows = 0;
  for (const bag of s.tables.values()) for (const n of bag.values()) rows += n;
  let deadLetters = 0;
  for (const n of s.deadLetters.values()) deadLetters += n;
  return { rows, indexes: s.indexes.size, deadLetters };
}
