import type { HubChild } from './hub-child';

/**
 * Polls /health while a dependency is down and records what it said: which dependencies it named
 * down, and whether it answered at all (a hub that exited answers nothing).
 */
export class HealthWatch {
  private readonly seen = new Map<string, number>();
  private polls = 0;
  private silent = 0;
  private timer?: NodeJS.Timeout;
  private busy = false;

  constructor(private readonly hub: HubChild) {}

  start(everyMs = 1000): void {
    this.timer = setInterval(() => {
      if (this.busy) return;
      this.busy = true;
      void this.hub.health().then((h) => {
        this.polls++;
        if (!h) this.silent++;
        const down = h ? Object.entries(h.dependencies).filter(([, d]) => d.status === 'down').map(([n]) => n) : [];
        const label = h ? (down.length ? `${down.join('+')} down` : `all up${h.consumer?.status === 'down' ? ', consumer down' : ''}`) : 'no answer';
        this.seen.set(label, (this.seen.get(label) ?? 0) + 1);
      }).finally(() => { this.busy = false; });
    }, everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** How often /health named a dependency down. */
  saidDown(dependency: string): number {
    let n = 0;
    for (const [label, count] of this.seen) if (label.includes(dependency) && label.endsWith('down') && !label.startsWith('all up')) n += count;
    return n;
  }

  summary(): string {
    return `/health during the outage (${this.polls} polls): ${[...this.seen].map(([l, n]) => `${l} x${n}`).join(', ')}`;
  }
}
