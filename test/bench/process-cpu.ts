// A benchmarked process's CPU time, shared by the benches that print CPU per request.
import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc/PID/stat counts in hundredths of a second. */
const CLOCK_TICKS = 100;

/** A process's CPU time (user + system) in ms, from /proc on Linux; NaN where there is no /proc. */
export function cpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
