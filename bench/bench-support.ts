import { readFileSync, readdirSync } from 'node:fs';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  reference: string;
  referenceValue: number;
  ratio: number;
  target?: string;
}

export function printRows(rows: readonly BenchRow[]): void {
  const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));
  const lines = rows.map((r) =>
    `${r.name.padEnd(44)} ${fmt(r.value).padStart(12)} ${r.unit.padEnd(10)} | ${r.reference.padEnd(40)} ${fmt(r.referenceValue).padStart(12)} | ratio ${r.ratio.toFixed(3)}${r.target ? `  (target ${r.target})` : ''}`,
  );
  process.stdout.write(`\n${lines.join('\n')}\n`);
}

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/**
 * CPU time (user + system, ms) used so far by the processes `pids` and by the PostgreSQL backends
 * serving `database` (found by their process title), from /proc: on a shared machine a latency
 * says how busy the machine was, CPU per operation says what the code costs.
 */
/**
 * CPU (ms) of each PostgreSQL backend serving `database`, by pid. The difference of two readings over
 * the backends present in both (postgresCpuBetween) is not lowered by a backend that exits in between
 * (an idle pool connection timing out takes its CPU seconds out of a plain sum: the search floor's
 * run once printed -0.48 ms a search).
 */
export function postgresBackends(database: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let title = '';
    try { title = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { continue; }
    if (!title.startsWith('postgres:') || !title.includes(` ${database} `)) continue;
    try {
      const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      out.set(Number(pid), (Number(f[11]) + Number(f[12])) * 10);
    } catch { /* gone in between */ }
  }
  return out;
}

/** CPU ms the backends present at both readings used in between, plus all of those that started since. */
export function postgresCpuBetween(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let sum = 0;
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0);
  return sum;
}

export function cpuMs(pids: readonly number[], database?: string): { processes: number; mainThreads: number; postgres: number } {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const stat = (pid: string | number, file = `/proc/${pid}/stat`): number => {
    try {
      const s = readFileSync(file, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      return (Number(f[11]) + Number(f[12])) * tick; // utime, stime (fields 14, 15)
    } catch {
      return 0; // gone in between
    }
  };
  let postgres = 0;
  if (database) {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let title = '';
      try { title = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { continue; }
      if (title.startsWith('postgres:') && title.includes(` ${database} `)) postgres += stat(pid);
    }
  }
  return {
    processes: pids.reduce((sum, pid) => sum + stat(pid), 0),
    // the thread running the event loop (its id is the process id): what a single-threaded server's latency follows
    mainThreads: pids.reduce((sum, pid) => sum + stat(pid, `/proc/${pid}/task/${pid}/stat`), 0),
    postgres,
  };
}
