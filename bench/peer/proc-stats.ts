import { readFileSync } from 'node:fs';

const statusKb = (pid: number, field: 'VmRSS' | 'VmHWM'): number => {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // the process has exited; the caller notices that on its own
  }
};

/** Resident set now, MB. */
export const rssMb = (pid: number): number => statusKb(pid, 'VmRSS') / 1024;

/** The kernel's own peak resident set of the process so far (VmHWM), MB: no sampling gap. */
export const peakRssMb = (pid: number): number => statusKb(pid, 'VmHWM') / 1024;

/** User + system CPU seconds the process has used so far (all its threads). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

/**
 * CPU used by the PostgreSQL backends serving one database (the hub's or the peer's connections),
 * read from /proc between start() and the last sample(): how much of PostgreSQL's CPU a record
 * costs, apart from everything else the shared server runs. Background writers and WAL flushing
 * are not in it. Backends seen first after start() count from zero (their whole life is inside).
 */
export class BackendCpu {
  private readonly seen = new Map<number, { first: number; last: number }>();
  private started = false;

  constructor(private readonly query: (sql: string, params: unknown[]) => Promise<{ rows: Array<{ pid: number }> }>, private readonly database: string) {}

  async start(): Promise<void> {
    await this.sample();
    this.started = true;
  }

  async sample(): Promise<void> {
    const { rows } = await this.query('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [this.database]);
    for (const { pid } of rows) {
      const now = cpuSeconds(pid);
      if (now === 0) continue;
      const known = this.seen.get(pid);
      this.seen.set(pid, { first: known?.first ?? (this.started ? 0 : now), last: now });
    }
  }

  get seconds(): number {
    let total = 0;
    for (const { first, last } of this.seen.values()) total += last - first;
    return total;
  }
}
