import { Injectable } from '@nestjs/common';
import { CallerBatches, Database, named } from '@hub/platform';

export interface StoredAnswer {
  requestSha256: Buffer;
  /** topic:partition:offset of the request record (Kafka door), null for SOAP */
  requestPosition: string | null;
  /** the request's signed issue time: the answer is sent again for the same request only inside its window */
  requestIssuedAt: Date;
  answerMessageId: string;
  answerType: string;
  verdict: string | null;
  document: string;
}

interface Row {
  sender_bin: string;
  request_message_id: string;
  request_sha256: Buffer;
  request_position: string | null;
  request_issued_at: Date;
  answer_message_id: string;
  answer_type: string;
  verdict: string | null;
  answer_document: string;
}

export const answerKey = (senderBin: string, messageId: string) => `${senderBin}/${messageId}`;

/** What the exchange needs of the answer store (KycAnswerRepository on PostgreSQL). */
export interface KycAnswerStore {
  find(senderBin: string, requestMessageId: string): Promise<StoredAnswer | null>;
  /** By `${senderBin}/${messageId}`: only the pairs that have an answer. */
  findMany(keys: ReadonlyArray<{ senderBin: string; messageId: string }>): Promise<Map<string, StoredAnswer>>;
  saveFirst(senderBin: string, requestMessageId: string, channel: string, answer: StoredAnswer): Promise<StoredAnswer>;
}

interface PendingAnswer { senderBin: string; requestMessageId: string; channel: string; answer: StoredAnswer }

const INSERT_ANSWERS = named('ndip.kyc_answers.save_first', `INSERT INTO ndip.kyc_answers (sender_bin, request_message_id, request_sha256, request_position, channel, answer_message_id, answer_type, verdict, answer_document, request_issued_at)
  SELECT * FROM unnest($1::char(12)[], $2::text[], $3::bytea[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::timestamptz[])
  ON CONFLICT DO NOTHING RETURNING sender_bin, request_message_id`);

@Injectable()
export class KycAnswerRepository implements KycAnswerStore {
  // Answers stored while a statement is in flight go together in the next one (CallerBatches):
  // one round trip and one commit for many exchanges, each still resolved only once its row is in.
  private readonly saves = new CallerBatches<PendingAnswer, StoredAnswer>((items) => this.saveAll(items));

  constructor(private readonly database: Database) {}

  async find(senderBin: string, requestMessageId: string): Promise<StoredAnswer | null> {
    return (await this.findMany([{ senderBin, messageId: requestMessageId }])).get(answerKey(senderBin, requestMessageId)) ?? null;
  }

  async findMany(keys: ReadonlyArray<{ senderBin: string; messageId: string }>): Promise<Map<string, StoredAnswer>> {
    const found = new Map<string, StoredAnswer>();
    if (keys.length === 0) return found;
    const rows = await this.database.query<Row>(
      `SELECT a.sender_bin, a.request_message_id, a.request_sha256, a.request_position, COALESCE(a.request_issued_at, a.answered_at) AS request_issued_at,
              a.answer_message_id, a.answer_type, a.verdict, a.answer_document
         FROM unnest($1::char(12)[], $2::text[]) AS k(sender_bin, request_message_id)
         JOIN ndip.kyc_answers a ON a.sender_bin = k.sender_bin AND a.request_message_id = k.request_message_id`,
      [keys.map((k) => k.senderBin), keys.map((k) => k.messageId)],
    );
    for (const r of rows) {
      found.set(answerKey(r.sender_bin, r.request_message_id), {
        requestSha256: r.request_sha256, requestPosition: r.request_position, requestIssuedAt: r.request_issued_at, answerMessageId: r.answer_message_id,
        answerType: r.answer_type, verdict: r.verdict, document: r.answer_document,
      });
    }
    return found;
  }

  /** Keeps the first answer: when two instances race on one request, both send the stored one. */
  saveFirst(senderBin: string, requestMessageId: string, channel: string, answer: StoredAnswer): Promise<StoredAnswer> {
    return this.saves.add({ senderBin, requestMessageId, channel, answer });
  }

  /** The first answer per pair wins, within the batch as across instances; the others get the stored one. */
  private async saveAll(items: readonly PendingAnswer[]): Promise<StoredAnswer[]> {
    const col = <T>(f: (p: PendingAnswer) => T) => items.map(f);
    const rows = await this.database.query<{ sender_bin: string; request_message_id: string }>(INSERT_ANSWERS, [
      col((p) => p.senderBin), col((p) => p.requestMessageId), col((p) => p.answer.requestSha256), col((p) => p.answer.requestPosition), col((p) => p.channel),
      col((p) => p.answer.answerMessageId), col((p) => p.answer.answerType), col((p) => p.answer.verdict), col((p) => p.answer.document), col((p) => p.answer.requestIssuedAt),
    ]);
    const inserted = new Set(rows.map((r) => answerKey(r.sender_bin, r.request_message_id)));
    const won = items.map((p) => inserted.delete(answerKey(p.senderBin, p.requestMessageId)));
    const lost = items.filter((_, i) => !won[i]).map((p) => ({ senderBin: p.senderBin, messageId: p.requestMessageId }));
    const stored = lost.length ? await this.findMany(lost) : new Map<string, StoredAnswer>();
    return items.map((p, i) => (won[i] ? p.answer : stored.get(answerKey(p.senderBin, p.requestMessageId)) ?? p.answer));
  }
}
