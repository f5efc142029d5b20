import { Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { checkEnvelope } from '@hub/ndip';
import { BatchOutcome, FeedBatch, FeedConsumer, FeedRecord, Rejection, Topics } from '@hub/platform';
import { INBOUND_ENVELOPE_VERIFIER, InboundEnvelopeVerifier, PROJECTS_MESSAGE_LOG, SignedEnvelope, SignedMessageLog } from './envelope.ports';
import { FACT_DOCUMENT_TYPE, parseFactElement } from './project-document';
import { ProjectLifecycle, SourcedFact } from './project-lifecycle.usecase';

export enum EnvelopeRefusal {
  /** The signed document's fact id must be the envelope's message id, the record key its project. */
  FACT_MISMATCH = 'FACT_MISMATCH',
}

export type InboundLogEntry = Parameters<SignedMessageLog['append']>[0];

/**
 * Thin edge for `ndip.projects.events.v1` (NDIP §24): check and verify each signed envelope, read the
 * fact from the verified document only, and apply the batch in order. A refused envelope (tampered,
 * unsigned, wrong sender, stale, malformed) goes to the dead-letter topic with its code and reason,
 * and every envelope, taken or refused, into the message log.
 */
@FeedConsumer()
export class ProjectEventsConsumer {
  constructor(
    private readonly lifecycle: ProjectLifecycle,
    @Inject(INBOUND_ENVELOPE_VERIFIER) private readonly verifier: InboundEnvelopeVerifier,
    @Inject(PROJECTS_MESSAGE_LOG) private readonly messageLog: SignedMessageLog,
  ) {}

  @EventPattern(Topics.projectEvents.name)
  async handle(@Payload() batch: FeedBatch<SignedEnvelope>): Promise<BatchOutcome> {
    const { facts, rejected, log } = await readEnvelopes(batch.records, this.verifier);
    // The log and the lifecycle write in transactions of their own: overlapped, not one after the other.
    // If either fails the batch is redelivered, and a redelivered fact is applied once (applied_fact).
    await Promise.all([...log.map((entry) => this.messageLog.append(entry)), this.lifecycle.apply(facts, new Date())]);
    return { rejected };
  }
}

/** Envelopes in verification at once: enough to keep the thread pool busy, few enough to keep the loop responsive. */
const VERIFY_CONCURRENCY = 4;

/** `work` over `items` with at most `limit` in flight; results in the items' order. */
export async function mapInOrder<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

export async function readEnvelopes(records: readonly FeedRecord<SignedEnvelope>[], verifier: InboundEnvelopeVerifier): Promise<{ facts: SourcedFact[]; rejected: Rejection[]; log: InboundLogEntry[] }> {
  const facts: SourcedFact[] = [];
  const rejected: Rejection[] = [];
  const log: InboundLogEntry[] = [];
  // The batch's envelopes are verified a few at a time: their RSA operations run on the thread pool
  // (both cores) while the next one is parsed, and the event loop is never held for a whole batch of
  // parses (the status outbox shares it). Verdicts are read in record order, as if one by one.
  const shapes = records.map((record) => checkEnvelope(record.value, [FACT_DOCUMENT_TYPE]));
  const verdicts = await mapInOrder(records, VERIFY_CONCURRENCY, (record, i) => (shapes[i].ok ? verifier.verify(record.value, new Date(Number(record.timestamp))) : Promise.resolve(null)));
  for (const [i, record] of records.entries()) {
    const envelope = record.value;
    const entry = (outcome: string): InboundLogEntry => ({
      messageId: envelope.messageId || `${record.topic}:${record.partition}:${record.offset}`, correlationId: envelope.correlationId, direction: 'IN', channel: 'KAFKA',
      type: envelope.type, senderBin: envelope.senderBin || null, outcome, document: envelope.document ?? '',
    });
    const refuse = (code: string, reason: string): void => {
      rejected.push({ record: record, code, reason });
      log.push(entry(`REFUSED:${code}`));
    };
    const shape = shapes[i];
    if (!shape.ok) { refuse(shape.code, shape.reason); continue; }
    const verified = verdicts[i]!;
    if (!verified.ok) { refuse(verified.code, verified.reason); continue; }
    const parsed = parseFactElement(verified.root);
    if (!parsed.ok) { refuse(parsed.code, parsed.reason); continue; }
    if (parsed.value.factId !== envelope.messageId) { refuse(EnvelopeRefusal.FACT_MISMATCH, 'the signed factId differs from the envelope messageId'); continue; }
    if (record.key !== null && record.key !== parsed.value.projectId) { refuse(EnvelopeRefusal.FACT_MISMATCH, 'the record key differs from the signed projectId'); continue; }
    facts.push({ fact: parsed.value, source: `${record.topic}:${record.partition}:${record.offset}` });
    log.push(entry('ACCEPTED'));
  }
  return { facts, rejected, log };
}
