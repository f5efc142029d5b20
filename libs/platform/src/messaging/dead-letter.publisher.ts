import { IHeaders, Producer } from 'kafkajs';
import { PRODUCE_SLICE_BYTES, byteSlices, recordBytes } from './byte-slices';
import { deadLetterName } from './topic-catalog';

export interface DeadLetter {
  sourceTopic: string;
  partition: number;
  offset: string;
  key: Buffer | string | null;
  /** The original bytes, untouched, so a replay after a fix sends exactly what the source sent. */
  value: Buffer | null;
  headers?: IHeaders;
  code: string;
  reason: string;
}

export const DLQ_HEADERS = {
  code: 'dlq.reason.code',
  reason: 'dlq.reason',
  topic: 'dlq.source.topic',
  partition: 'dlq.source.partition',
  offset: 'dlq.source.offset',
  failedAt: 'dlq.failed.at',
} as const;

/** Dead letters keep the source's key and bytes; why and where travel in headers. */
export class DeadLetterPublisher {
  constructor(private readonly producer: Producer, private readonly now: () => Date = () => new Date()) {}

  async publish(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    const byTopic = new Map<string, DeadLetter[]>();
    for (const l of letters) {
      const topic = deadLetterName(l.sourceTopic);
      const ofTopic = byTopic.get(topic) ?? [];
      ofTopic.push(l);
      byTopic.set(topic, ofTopic);
    }
    const failedAt = this.now().toISOString();
    // Per topic, in slices under the broker's limit (a batch of large bad records would otherwise
    // be refused on every retry), each awaited, so a source partition's letters keep their order.
    for (const [topic, list] of byTopic) {
      const messages = list.map((l) => ({
        key: l.key,
        value: l.value,
        headers: {
          ...(l.headers ?? {}),
          [DLQ_HEADERS.code]: l.code,
          [DLQ_HEADERS.reason]: l.reason,
          [DLQ_HEADERS.topic]: l.sourceTopic,
          [DLQ_HEADERS.partition]: String(l.partition),
          [DLQ_HEADERS.offset]: l.offset,
          [DLQ_HEADERS.failedAt]: failedAt,
        },
      }));
      for (const [from, to] of byteSlices(messages.map(recordBytes), PRODUCE_SLICE_BYTES)) {
        await this.producer.send({ topic, messages: messages.slice(from, to) });
      }
    }
  }
}
