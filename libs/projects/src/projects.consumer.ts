import { Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { BatchOutcome, FeedBatch, FeedConsumer, FeedRecord, Rejection, Topics } from '@hub/platform';
import { INBOUND_ENVELOPE_VERIFIER, InboundEnvelopeVerifier, MessageLogEntry, MessageLogPort, PROJECTS_MESSAGE_LOG, SignedEnvelope } from './envelope.ports';
import { FACT_DOCUMENT_TYPE, parseFactDocument } from './project-document';
import { ProjectLifecycle, SourcedFact } from './project-lifecycle.usecase';

export enum EnvelopeRefusal {
  WRONG_DOCUMENT_TYPE = 'WRONG_DOCUMENT_TYPE',
  /** The signed document's fact id must be the envelope's message id: the two cannot be mixed. */
  ENVELOPE_MISMATCH = 'ENVELOPE_MISMATCH',
}

/**
 * Thin edge for `ndip.projects.events.v1` (NDIP §24): verify each signed envelope, read the fact
 * from the verified document only, and apply the batch in order. A refused envelope (tampered,
 * unsigned, malformed) goes to the dead-letter topic with its reason and into the message log.
 */
@FeedConsumer()
export class ProjectEventsConsumer {
  constructor(
    private readonly lifecycle: ProjectLifecycle,
    @Inject(INBOUND_ENVELOPE_VERIFIER) private readonly verifier: InboundEnvelopeVerifier,
    @Inject(PROJECTS_MESSAGE_LOG) private readonly messageLog: MessageLogPort,
  ) {}

  @EventPattern(Topics.projectEvents.name)
  async handle(@Payload() batch: FeedBatch<SignedEnvelope>): Promise<BatchOutcome> {
    const { facts, rejected, log } = await readEnvelopes(batch.records, this.verifier);
    await this.messageLog.append(log);
    await this.lifecycle.apply(facts, new Date());
    return { rejected };
  }
}

export async function readEnvelopes(records: readonly FeedRecord<SignedEnvelope>[], verifier: InboundEnvelopeVerifier): Promise<{ facts: SourcedFact[]; rejected: Rejection[]; log: MessageLogEntry[] }> {
  const facts: SourcedFact[] = [];
  const rejected: Rejection[] = [];
  const log: MessageLogEntry[] = [];
  for (const record of records) {
    const envelope = record.value;
    const refuse = (code: string, reason: string): void => {
      rejected.push({ record: record, code, reason });
      log.push({ direction: 'IN', messageId: envelope.messageId, type: envelope.type, outcome: 'REFUSED', code, reason, envelope });
    };
    if (envelope.type !== FACT_DOCUMENT_TYPE) { refuse(EnvelopeRefusal.WRONG_DOCUMENT_TYPE, `expected ${FACT_DOCUMENT_TYPE}, got ${envelope.type}`); continue; }
    const verified = await verifier.verify(envelope);
    if (!verified.ok) { refuse(verified.code, verified.reason); continue; }
    const parsed = parseFactDocument(verified.document);
    if (!parsed.ok) { refuse(parsed.code, parsed.reason); continue; }
    if (parsed.value.factId !== envelope.messageId) { refuse(EnvelopeRefusal.ENVELOPE_MISMATCH, 'the signed factId differs from the envelope messageId'); continue; }
    if (record.key !== null && record.key !== parsed.value.projectId) { refuse(EnvelopeRefusal.ENVELOPE_MISMATCH, 'the record key differs from the signed projectId'); continue; }
    facts.push({ fact: parsed.value, source: `${record.topic}:${record.partition}:${record.offset}` });
    log.push({ direction: 'IN', messageId: envelope.messageId, type: envelope.type, outcome: 'ACCEPTED', envelope });
  }
  return { facts, rejected, log };
}
