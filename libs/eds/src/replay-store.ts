/**
 * Remembers (sender, message id) pairs until they can no longer pass the date window. Behind an
 * interface so a shared store (PostgreSQL: @hub/message-log's PgReplayStore) replaces the
 * in-memory one when the hub runs replicated. Ids are unique per sender only: two senders may
 * pick the same id (EDS-NOTES checklist item 9, ShEP requestInfo.messageId is the sender's).
 */
export interface ReplayStore {
  /**
   * Atomically records (`sender`, `messageId`) until `expiresAt`; false if that pair is already
   * recorded and its record has not expired at `now`. An expired record may be forgotten (purged)
   * and the pair accepted again: by then the date window refuses the message anyway.
   */
  remember(sender: string, messageId: string, expiresAt: Date, now: Date): Promise<boolean>;
}

export class InMemoryReplayStore implements ReplayStore {
  private readonly seen = new Map<string, number>();
  private nextPrune = 0;

  async remember(sender: string, messageId: string, expiresAt: Date, now: Date): Promise<boolean> {
    const t = now.getTime();
    if (t >= this.nextPrune) {
      for (const [id, exp] of this.seen) if (exp <= t) this.seen.delete(id);
      this.nextPrune = t + 60_000;
    }
    // JSON of the pair: no separator character can make two different pairs collide.
    const key = JSON.stringify([sender, messageId]);
    const exp = this.seen.get(key);
    if (exp !== undefined && exp > t) return false;
    this.seen.set(key, expiresAt.getTime());
    return true;
  }
}
