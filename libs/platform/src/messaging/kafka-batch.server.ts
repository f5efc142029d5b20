import { ArgumentsHost, Catch, Controller, INestApplication, RpcExceptionFilter, UseFilters, applyDecorators } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { Observable, isObservable, lastValueFrom, throwError } from 'rxjs';
import { Logger } from '../observability/logger';
import { AvroRegistry, DecodeError } from './avro-registry';
import { DeadLetter, DeadLetterPublisher } from './dead-letter.publisher';
import { BatchOutcome, FeedBatch, FeedRecord } from './feed-record';
import { physicalName } from './topic-catalog';
import { isTransient } from './transient-error';

export interface KafkaBatchServerOptions {
  groupId: string;
  topicPrefix: string;
  /** Partitions processed at once in this instance; more instances scale further. */
  partitionsConcurrently?: number;
  fromBeginning?: boolean;
}

export enum HandlerFailure {
  HANDLER_REJECTED = 'HANDLER_REJECTED',
}

/**
 * A Nest transport that consumes feed topics a batch at a time: decode (Avro via the registry),
 * hand the batch to the @EventPattern handler for the topic, dead-letter what cannot be taken in,
 * then commit. Offsets move only after both the store and the dead-letter topic have the records,
 * so a crash means redelivery (handled idempotently), never loss.
 */
export class KafkaBatchServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  /** When this instance last took in a feed batch (epoch ms; 0 before the first): derived work waits while feeds flow. */
  lastBatchAt = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly registry: AvroRegistry,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly log: Logger,
    private readonly options: KafkaBatchServerOptions,
  ) {
    super();
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  private async start(): Promise<void> {
    const logicalTopics = [...this.messageHandlers.keys()];
    if (logicalTopics.length === 0) return;
    const physical = new Map(logicalTopics.map((t) => [physicalName(this.options.topicPrefix, t), t]));
    this.consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
      // Bounds what is fetched and decoded at once: with dozens of assigned partitions a larger window
      // held hundreds of MB of buffers and decoded records (the hub ran out of a 256 MB heap).
      maxBytesPerPartition: 1024 * 1024,
      maxBytes: 5 * 1024 * 1024,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 30000 },
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...physical.keys()], fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      // Commit at the end of every batch: an interval would leave processed offsets uncommitted
      // at shutdown and the next instance would redo them.
      autoCommitThreshold: 1,
      partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 3,
      eachBatch: (payload) => this.processBatch(physical.get(payload.batch.topic) ?? payload.batch.topic, payload),
    });
    this.log.info({ topics: [...physical.keys()], groupId: this.options.groupId }, 'feed consumer running');
  }

  private async processBatch(logicalTopic: string, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    this.lastBatchAt = Date.now();
    const { records, letters } = await this.decode(batch.topic, batch.partition, batch.messages);
    const feedBatch: FeedBatch = { topic: batch.topic, partition: batch.partition, records };
    const outcome = records.length > 0 ? await this.handle(logicalTopic, feedBatch) : { rejected: [] };
    letters.push(...outcome.rejected.map((r) => toDeadLetter(r.record, r.code, r.reason)));
    await this.deadLetters.publish(letters);
    if (letters.length > 0) {
      this.log.warn({ topic: batch.topic, partition: batch.partition, count: letters.length, codes: countCodes(letters) }, 'records dead-lettered');
    }
    resolveOffset(batch.lastOffset());
    await commitOffsetsIfNecessary();
    await heartbeat();
  }

  private async decode(topic: string, partition: number, messages: KafkaMessage[]) {
    const records: FeedRecord[] = [];
    const letters: DeadLetter[] = [];
    for (const m of messages) {
      const base = {
        topic, partition, offset: m.offset, key: m.key ? m.key.toString() : null, timestamp: m.timestamp,
        raw: m.value ?? Buffer.alloc(0), headers: stringHeaders(m.headers),
      };
      try {
        records.push({ ...base, value: await this.registry.decode(m.value) });
      } catch (error) {
        if (!(error instanceof DecodeError)) throw error;
        letters.push({ sourceTopic: topic, partition, offset: m.offset, key: m.key, value: m.value, headers: m.headers, code: error.code, reason: error.message });
      }
    }
    return { records, letters };
  }

  /**
   * A transient failure (database or network down) is thrown so kafkajs retries the batch. Any
   * other failure is about some record: retry one by one and dead-letter only the ones that fail,
   * so a single poison record never stalls its partition.
   */
  private async handle(logicalTopic: string, batch: FeedBatch): Promise<BatchOutcome> {
    try {
      return await this.invoke(logicalTopic, batch);
    } catch (error) {
      if (isTransient(error)) throw error;
      const rejected: BatchOutcome['rejected'] = [];
      for (const record of batch.records) {
        try {
          rejected.push(...(await this.invoke(logicalTopic, { ...batch, records: [record] })).rejected);
        } catch (single) {
          if (isTransient(single)) throw single;
          rejected.push({ record, code: HandlerFailure.HANDLER_REJECTED, reason: (single as Error).message ?? String(single) });
        }
      }
      return { rejected };
    }
  }

  private async invoke(logicalTopic: string, batch: FeedBatch): Promise<BatchOutcome> {
    const handler = this.getHandlerByPattern(logicalTopic);
    if (!handler) throw new Error(`no handler for ${logicalTopic}`);
    const result: unknown = await handler(batch);
    const outcome = isObservable(result) ? await lastValueFrom(result) : result;
    return (outcome as BatchOutcome | undefined) ?? { rejected: [] };
  }

  async close(): Promise<void> {
    // disconnect() waits for the batch in flight and commits its resolved offsets; batches fetched
    // but not started are skipped (isRunning) and redelivered to whoever takes the partition.
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  on(): never {
    throw new Error('KafkaBatchServer does not expose transport events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}

function toDeadLetter(record: FeedRecord, code: string, reason: string): DeadLetter {
  return {
    sourceTopic: record.topic, partition: record.partition, offset: record.offset, key: record.key,
    value: record.raw, headers: record.headers, code, reason,
  };
}

function stringHeaders(headers: KafkaMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k] = Array.isArray(v) ? v.map(String).join(',') : String(v);
  return out;
}

function countCodes(letters: DeadLetter[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const l of letters) counts[l.code] = (counts[l.code] ?? 0) + 1;
  return counts;
}

/** Nest's default RPC filter turns errors into plain objects; the transport needs the real error to tell transient from permanent. */
@Catch()
export class PassThroughRpcFilter implements RpcExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** Marks a class of @EventPattern feed handlers; errors reach the transport unchanged. */
export const FeedConsumer = () => applyDecorators(Controller(), UseFilters(PassThroughRpcFilter));

export async function connectFeedTransport(app: INestApplication, server: KafkaBatchServer): Promise<void> {
  app.connectMicroservice({ strategy: server });
  await app.startAllMicroservices();
}
