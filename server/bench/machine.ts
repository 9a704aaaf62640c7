import { cpus, loadavg } from 'node:os';

/** Node, cores and the load average at the start, since other work on the machine skews the figures. */
export function describeMachine(): string {
  const cores = cpus();
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return `Node ${process.version}, ${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown CPU'}), load average ${load}`;
}
