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

/** What the exchange needs of the answer store (KycAnswerRepository on PostgreSQL). */
export interface KycAnswerStore {
  find(senderBin: string, requestMessageId: string): Promise<StoredAnswer | null>;
  saveFirst(senderBin: string, requestMessageId: string, channel: string, answer: StoredAnswer): Promise<StoredAnswer>;
}

@Injectable()
export class KycAnswerRepository implements KycAnswerStore {
  constructor(private readonly database: Database) {}

  async find(senderBin: string, requestMessageId: string): Promise<StoredAnswer | null> {
    const rows = await this.database.query<{ request_sha256: Buffer; request_position: string | null; request_issued_at: Date; answer_message_id: string; answer_type: string; verdict: string | null; answer_document: string }>(
      'SELECT request_sha256, request_position, COALESCE(request_issued_at, answered_at) AS request_issued_at, answer_message_id, answer_type, verdict, answer_document FROM ndip.kyc_answers WHERE sender_bin = $1 AND request_message_id = $2',
      [senderBin, requestMessageId],
    );
    const r = rows[0];
    return r ? { requestSha256: r.request_sha256, requestPosition: r.request_position, requestIssuedAt: r.request_issued_at, answerMessageId: r.answer_message_id, answerType: r.answer_type, verdict: r.verdict, document: r.answer_document } : null;
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
