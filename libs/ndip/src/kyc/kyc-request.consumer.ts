import { Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { AvroPublisher, BatchOutcome, FeedBatch, FeedConsumer, LOGGER, Logger, Topics, validateBatch } from '@hub/platform';
import { checkEnvelope, type SignedEnvelope } from '../envelope/signed-envelope';
import { KYC_EXCHANGE } from '../ndip.tokens';
import { answerKey } from './kyc-answer.repository';
import { KYC_TYPES, type KycAnswer, type KycExchange } from './kyc-exchange.service';

/** How many requests of one batch are in flight at once (signature checks and the message log dominate). */
const CONCURRENCY = 16;

/**
 * The Kafka door: `ndip.kyc.requests.v1` -> `ndip.kyc.results.v1`, keyed by the request's message
 * id. A value that is not a usable envelope is dead-lettered with its reason, as the feeds do; an
 * envelope whose signature or sender fails gets a signed refusal on the results topic. The offset
 * moves only after the answers are on the results topic, so a crash means redelivery, and a
 * redelivered request gets its stored answer again.
 */
@FeedConsumer()
export class KycRequestConsumer {
  constructor(
    @Inject(KYC_EXCHANGE) private readonly exchange: KycExchange,
    private readonly publisher: AvroPublisher,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  @EventPattern(Topics.kycRequests.name)
  async handle(@Payload() batch: FeedBatch<SignedEnvelope>): Promise<BatchOutcome> {
    const { accepted, rejected } = validateBatch(batch, (value) => {
      const checked = checkEnvelope(value, [KYC_TYPES.request]);
      return checked.ok ? { ok: true, value: checked.envelope } : { ok: false, code: checked.code, reason: checked.reason };
    });
    // Each answer leaves as soon as it is signed (a request never waits for the rest of its batch);
    // the batch returns, and its offsets commit, only once every answer is on the results topic.
    // One look-up for the whole batch tells the requests answered before (redeliveries, resends).
    const stored = await this.exchange.storedAnswers(accepted.map((a) => a.command));
    let next = 0;
    let refused = 0;
    const worker = async () => {
      while (next < accepted.length) {
        const { command, record } = accepted[next++];
        const known = { stored: stored.get(answerKey(command.senderBin, command.messageId)) ?? null };
        const answer = await this.exchange.handleEnvelope(command, 'KAFKA', `${record.topic}:${record.partition}:${record.offset}`, known);
        if (answer.refusal) refused++;
        await this.publish(answer);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, accepted.length) }, worker));
    if (refused) this.log.warn({ refused, topic: batch.topic, partition: batch.partition }, 'KYC requests refused with a signed answer');
    return { rejected };
  }

  private publish(a: KycAnswer): Promise<void> {
    return this.publisher.publish(Topics.kycResults, [{
      key: a.correlationId,
      value: { messageId: a.messageId, correlationId: a.correlationId, type: a.type, issuedAt: a.issuedAt.getTime(), senderBin: this.exchange.hubBin, document: a.document },
    }]);
  }
}
