import { IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { DLQ_HEADERS, PRODUCE_SLICE_BYTES, byteSlices, deadLetterName, recordBytes } from '@hub/platform';

export const REPLAY_HEADERS = {
  /** Where the record first sat: `<topic>[<partition>]@<offset>`. */
  of: 'replay.of',
  /** Position of the dead letter it came back from. */
  deadLetter: 'replay.dead-letter',
  code: 'replay.reason.code',
  at: 'replay.at',
} as const;

export interface DlqReplayOptions {
  kafka: Kafka;
  producer: Producer;
  /** Physical source topic; its dead letters are read from `<topic>.dlq`. */
  sourceTopic: string;
  /** Replay only dead letters with this reason code (e.g. BIN_CHECK_DIGIT). */
  code?: string;
  /**
   * The replay's own consumer group: its committed offsets are what makes a second run replay
   * nothing. Defaults to one group per (topic, code filter), so filtered runs do not hide other codes.
   */
  groupId?: string;
  timeoutMs?: number;
  now?: () => Date;
  onProgress?: (p: DlqReplayResult) => void;
}

export interface DlqReplayResult {
  groupId: string;
  scanned: number;
  replayed: number;
  skipped: number;
}

export const defaultReplayGroup = (sourceTopic: string, code?: string): string => `dlq-replay.${sourceTopic}${code ? `.${code}` : ''}`;

const DLQ_HEADER_NAMES = new Set<string>(Object.values(DLQ_HEADERS));
const text = (m: KafkaMessage, name: string): string | undefined => m.headers?.[name]?.toString();

function replayHeaders(m: KafkaMessage, dlqTopic: string, partition: number, at: string): IHeaders {
  const kept: IHeaders = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) if (!DLQ_HEADER_NAMES.has(k) && v !== undefined) kept[k] = v;
  return {
    ...kept,
    [REPLAY_HEADERS.of]: `${text(m, DLQ_HEADERS.topic) ?? ''}[${text(m, DLQ_HEADERS.partition) ?? ''}]@${text(m, DLQ_HEADERS.offset) ?? ''}`,
    [REPLAY_HEADERS.deadLetter]: `${dlqTopic}[${partition}]@${m.offset}`,
    [REPLAY_HEADERS.code]: text(m, DLQ_HEADERS.code) ?? '',
    [REPLAY_HEADERS.at]: at,
  };
}

/**
 * Sends dead letters back to their source topic after a fix: the original key and bytes unchanged,
 * headers saying it is a replay and of what. Reads up to the end offsets seen at start (so it
 * terminates), and commits its own group's offsets after each batch is re-published: a crash
 * replays at most that batch again (handled idempotently downstream), a rerun replays nothing.
 */
export async function replayDeadLetters(options: DlqReplayOptions): Promise<DlqReplayResult> {
  const { kafka, producer, sourceTopic, code } = options;
  const dlqTopic = deadLetterName(sourceTopic);
  const groupId = options.groupId ?? defaultReplayGroup(sourceTopic, code);
  const result: DlqReplayResult = { groupId, scanned: 0, replayed: 0, skipped: 0 };

  const admin = kafka.admin();
  await admin.connect();
  const pending = new Map<number, bigint>();
  try {
    const ends = await admin.fetchTopicOffsets(dlqTopic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [dlqTopic] });
    const committedBy = new Map((committed?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
    for (const p of ends) {
      const from = (committedBy.get(p.partition) ?? -1n) >= 0n ? committedBy.get(p.partition)! : BigInt(p.low);
      if (from < BigInt(p.high)) pending.set(p.partition, BigInt(p.high));
    }
  } finally {
    await admin.disconnect();
  }
  if (pending.size === 0) return result;

  const consumer = kafka.consumer({ groupId, sessionTimeout: 30_000 });
  await consumer.connect();
  try {
    let finish!: () => void;
    let fail!: (e: unknown) => void;
    const done = new Promise<void>((resolve, reject) => { finish = resolve; fail = reject; });
    await consumer.subscribe({ topic: dlqTopic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, heartbeat }) => {
        try {
          const end = pending.get(batch.partition);
          if (end === undefined) return;
          const inRange = batch.messages.filter((m) => BigInt(m.offset) < end);
          if (inRange.length === 0) return;
          const at = (options.now?.() ?? new Date()).toISOString();
          const chosen = inRange.filter((m) => !code || text(m, DLQ_HEADERS.code) === code);
          if (chosen.length > 0) {
            const messages = chosen.map((m) => ({ key: m.key, value: m.value, headers: replayHeaders(m, dlqTopic, batch.partition, at) }));
            // In slices under the broker's limit, in order: a fetch of large letters can pass it.
            for (const [from, to] of byteSlices(messages.map(recordBytes), PRODUCE_SLICE_BYTES)) {
              await producer.send({ topic: sourceTopic, acks: -1, messages: messages.slice(from, to) });
            }
          }
          const next = BigInt(inRange[inRange.length - 1].offset) + 1n;
          await consumer.commitOffsets([{ topic: dlqTopic, partition: batch.partition, offset: next.toString() }]);
          result.scanned += inRange.length;
          result.replayed += chosen.length;
          result.skipped += inRange.length - chosen.length;
          options.onProgress?.({ ...result });
          if (next >= end) pending.delete(batch.partition);
          if (pending.size === 0) finish();
          await heartbeat();
        } catch (error) {
          fail(error);
          throw error;
        }
      },
    });
    const timeoutMs = options.timeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`dead-letter replay of ${dlqTopic} did not finish in ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
    }
    return result;
  } finally {
    await consumer.disconnect();
  }
}
