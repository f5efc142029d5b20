/** An append-only, hash-chained log of every signed message in or out (@hub/message-log's MessageLog). */
export interface SignedMessageLog {
  append(entry: {
    messageId: string;
    correlationId?: string | null;
    direction: 'IN' | 'OUT';
    channel: 'KAFKA' | 'SOAP';
    type: string;
    senderBin: string | null;
    outcome: string;
    document: string;
  }): Promise<{ seq: string; hash: string }>;
}

