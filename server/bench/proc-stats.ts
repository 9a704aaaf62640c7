import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/PID/stat times (USER_HZ): 100 on every Linux Node supports. */
const TICKS_PER_SECOND = 100;

export interface ProcSample {
  /** wall-clock milliseconds when read */
  at: number;
  /** user + system CPU time so far, milliseconds */
  cpuMs: number;
  rssMb: number;
  /** highest resident set size so far (VmHWM) */
  peakRssMb: number;
}

/** CPU time and memory of a Linux process, from /proc/PID/stat and /proc/PID/status. */
export function sampleProcess(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the command name may contain spaces; fields after it are space-separated, utime and stime are the 14th and 15th
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { at: Date.now(), cpuMs: (ticks * 1000) / TICKS_PER_SECOND, rssMb: kbField(status, 'VmRSS') / 1024, peakRssMb: kbField(status, 'VmHWM') / 1024 };
}

/** CPU use between two samples, in percent of one core. */
export function cpuPercent(before: ProcSample, after: ProcSample): number {
  const wall = after.at - before.at;
  return wall > 0 ? (100 * (after.cpuMs - before.cpuMs)) / wall : 0;
}

function kbField(status: string, name: string): number {
  const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return m ? Number(m[1]) : NaN;
}
