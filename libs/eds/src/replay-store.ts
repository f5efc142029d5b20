/**
 * Remembers message ids until they can no longer pass the date window. Behind an interface so a
 * shared store (PostgreSQL, Redis) can replace the in-memory one when the hub runs replicated.
 */
export interface ReplayStore {
  /** Atomically records `messageId`; false if it was already recorded and has not expired. */
  remember(messageId: string, expiresAt: Date, now: Date): Promise<boolean>;
}

export class InMemoryReplayStore implements ReplayStore {
  private readonly seen = new Map<string, number>();
  private nextPrune = 0;

  async remember(messageId: string, expiresAt: Date, now: Date): Promise<boolean> {
    const t = now.getTime();
    if (t >= this.nextPrune) {
      for (const [id, exp] of this.seen) if (exp <= t) this.seen.delete(id);
      this.nextPrune = t + 60_000;
    }
    const exp = this.seen.get(messageId);
    if (exp !== undefined && exp > t) return false;
    this.seen.set(messageId, expiresAt.getTime());
    return true;
  }
}
