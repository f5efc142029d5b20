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
