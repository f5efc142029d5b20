/**
 * A store shared by every instance that remembers (sender, message id) for as long as the message
 * could still pass the time window (EDS-NOTES item 9). @hub/message-log's PgReplayStore is one.
 * With `fingerprint` (SHA-256 of the signed document) the very same document is accepted again
 * while its pair is live; a different document under that pair is a replay.
 */
export interface ReplayGuard {
  remember(sender: string, messageId: string, expiresAt: Date, now: Date, fingerprint?: Buffer): Promise<boolean>;
}
