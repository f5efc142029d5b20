import { Injectable } from '@nestjs/common';
import { Database } from '@hub/platform';

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

@Injectable()
export class KycAnswerRepository implements KycAnswerStore {
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
  async saveFirst(senderBin: string, requestMessageId: string, channel: string, answer: StoredAnswer): Promise<StoredAnswer> {
    const inserted = await this.database.query<{ n: number }>(
      `INSERT INTO ndip.kyc_answers (sender_bin, request_message_id, request_sha256, request_position, channel, answer_message_id, answer_type, verdict, answer_document, request_issued_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING 1 AS n`,
      [senderBin, requestMessageId, answer.requestSha256, answer.requestPosition, channel, answer.answerMessageId, answer.answerType, answer.verdict, answer.document, answer.requestIssuedAt],
    );
    if (inserted.length) return answer;
    return (await this.find(senderBin, requestMessageId)) ?? answer;
  }
}
