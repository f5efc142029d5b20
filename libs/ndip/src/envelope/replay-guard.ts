/**
 * A store shared by every instance that remembers (sender, message id) for as long as the message
 * could still pass the time window (EDS-NOTES item 9). @hub/message-log's PgReplayStore is one.
 */
export interface ReplayGuard {
  remember(sender: string, messageId: string, expiresAt: Date, now: Date): Promise<boolean>;
}

