import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AvroPublisher, Database, LOGGER, Logger, PRODUCE_SLICE_BYTES, Topics, byteSlices } from '@hub/platform';
import { PROJECTS_MESSAGE_LOG, STATUS_EVENT_SIGNER, SignedMessageLog, StatusEventSigner } from './envelope.ports';
import { publishable } from './core/publish-order';
import { STATUS_DOCUMENT_TYPE, statusXml } from './project-document';
import { ProjectsRepository } from './projects.repository';

/** Advisory lock: one publisher at a time across instances keeps each project's events in order. */
const PUBLISH_LOCK = 7_311_012;

/** Status events awaited from the signer at a time before their slices are produced. */
const SIGNED_GROUP = 100;

/**
 * The outbox: status events recorded in projects.event are signed and published to
 * `ndip.projects.status.v1`, keyed by project id (so one partition, in version order, per
 * project), with the event id as the envelope's message id (a consumer dedupes by it).
 */
@Injectable()
export class StatusPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly repo: ProjectsRepository,
    @Inject(Database) private readonly db: Database,
    @Inject(AvroPublisher) private readonly publisher: AvroPublisher,
    @Inject(STATUS_EVENT_SIGNER) private readonly signer: StatusEventSigner,
    @Inject(PROJECTS_MESSAGE_LOG) private readonly messageLog: SignedMessageLog,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const loop = async (): Promise<void> => {
      if (this.stopped) return;
      this.running = this.drain().catch((error: unknown) => this.log.warn({ err: error }, 'status publishing failed; retrying'));
      await this.running;
      if (!this.stopped) this.timer = setTimeout(() => void loop(), 250);
    };
    void loop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Publishes everything unpublished, a batch at a time; returns how many were sent. */
  async drain(batchSize = 2000): Promise<number> {
    let sent = 0;
    for (;;) {
      const n = await this.publishBatch(batchSize);
      sent += n;
      if (n < batchSize) return sent;
    }
  }

  private async publishBatch(limit: number): Promise<number> {
    // Most ticks (every 250 ms) find nothing: one query then, instead of a pooled client, the lock,
    // the read and the unlock (an idle hub ran ~16 queries a second for it). An event recorded just
    // after this look is published at the next tick, as one recorded just after the read always was.
    if (!(await this.repo.hasUnpublished())) return 0;
    const client = await this.db.pool.connect();
    try {
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [PUBLISH_LOCK]);
      if (!rows[0].ok) return 0;
      try {
        const batch = await this.repo.unpublished(limit);
        if (batch.events.length === 0) return 0;
        // Per project, versions in order and without a gap: a seq is not a commit order.
        const events = publishable(batch.events, batch.publishedUpTo);
        if (events.length === 0) return 0;
        // issuedAt is when the event was recorded, so a re-publication signs the same header.
        // Signed concurrently (the RSA operations run on the thread pool, one per core, in this order),
        // and a group is produced as soon as its signatures are in, while the later ones are still signing.
        const signing = events.map((e) => this.signer.sign(statusXml(e, { senderBin: this.signer.senderBin, issuedAt: e.recordedAt }), { messageId: e.eventId, type: STATUS_DOCUMENT_TYPE, issuedAt: e.recordedAt }));
        // One produce request per slice, in order: a signed event carries the hub's certificate (~3 KB),
        // and a request over the broker's message.max.bytes would be refused on every retry, forever.
        // A sent slice is logged and marked while the next one is produced, but the marks stay a chain:
        // if one slice's mark fails, no later slice is marked. A later version marked over an unmarked
        // earlier one would leave a hole publishable() never releases (the earlier ones are resent).
        let recorded: Promise<unknown> = Promise.resolve();
        try {
          for (let group = 0; group < events.length; group += SIGNED_GROUP) {
            const signed = await Promise.all(signing.slice(group, group + SIGNED_GROUP));
            for (const [from, to] of byteSlices(signed.map((e) => Buffer.byteLength(e.document)), PRODUCE_SLICE_BYTES)) {
              const slice = signed.slice(from, to);
              const sent = events.slice(group + from, group + to);
              await this.publisher.publish(Topics.projectStatus, slice.map((value, i) => ({ key: sent[i].projectId, value })));
              recorded = recorded
                .then(() => Promise.all(slice.map((env) => this.messageLog.append({
                  messageId: env.messageId, correlationId: null, direction: 'OUT', channel: 'KAFKA', type: env.type, senderBin: env.senderBin, outcome: 'SENT', document: env.document,
                }))))
                .then(() => this.repo.markPublished(sent.map((e) => e.seq)));
            }
          }
        } finally {
          await Promise.allSettled(signing);
          await recorded.catch(() => undefined);
        }
        await recorded;
        return events.length;
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [PUBLISH_LOCK]);
      }
    } finally {
      client.release();
    }
  }
}
