/**
 * Keeps a storm from taking the shared machine down: smbd forks a process per client, so a
 * 10,000-flow storm against it can eat the memory and the process table other jobs need. The
 * guard polls /proc and trips once MemAvailable falls under a floor or the kernel's task count
 * nears pid_max; the storm then ends the server and records why (smbd "as far as it survives").
 */
import { readFileSync } from 'node:fs';

export interface HostGuardLimits {
  /** Trip when MemAvailable falls under this many bytes. */
  readonly minAvailableBytes: number;
  /** Trip when fewer than this many pids are left under pid_max. */
  readonly minFreePids: number;
}

export interface HostSnapshot {
  readonly memAvailableBytes: number;
  readonly memTotalBytes: number;
  /** Kernel scheduling entities (processes and threads), the 4th field of /proc/loadavg. */
  readonly tasks: number;
  readonly pidMax: number;
}

/** MemAvailable and MemTotal from /proc/meminfo text, in bytes (NaN when absent). */
export function parseMeminfo(text: string): { available: number; total: number } {
  const field = (name: string): number => {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : Number.NaN;
  };
  return { available: field('MemAvailable'), total: field('MemTotal') };
}

/** The task count of /proc/loadavg ("0.50 0.40 0.30 3/1234 5678" -> 1234). */
export function parseLoadavgTasks(text: string): number {
  const m = /^\S+ \S+ \S+ \d+\/(\d+) /.exec(text);
  return m ? Number(m[1]) : Number.NaN;
}

export function hostSnapshot(): HostSnapshot {
  const mem = parseMeminfo(readFileSync('/proc/meminfo', 'latin1'));
  return {
    memAvailableBytes: mem.available,
    memTotalBytes: mem.total,
    tasks: parseLoadavgTasks(readFileSync('/proc/loadavg', 'latin1')),
    pidMax: Number(readFileSync('/proc/sys/kernel/pid_max', 'latin1').trim()),
  };
}

/** Why the limits are crossed, or undefined. */
export function guardProblem(s: HostSnapshot, limits: HostGuardLimits): string | undefined {
  if (s.memAvailableBytes < limits.minAvailableBytes)
    return `MemAvailable fell to ${(s.memAvailableBytes / 2 ** 30).toFixed(1)} GiB (floor ${(limits.minAvailableBytes / 2 ** 30).toFixed(1)} GiB)`;
  if (s.pidMax - s.tasks < limits.minFreePids)
    return `${s.tasks} tasks of pid_max ${s.pidMax} (at least ${limits.minFreePids} kept free)`;
  return undefined;
}

/** The bench's limits: a fifth of the memory and 4096 pids stay free for the machine's other jobs. */
export function defaultGuardLimits(s: HostSnapshot = hostSnapshot()): HostGuardLimits {
  return { minAvailableBytes: s.memTotalBytes / 5, minFreePids: 4096 };
}

/** Polls every `intervalMs` until stopped; calls `onTrip` once, with the reason. */
export function watchHost(
  limits: HostGuardLimits,
  onTrip: (reason: string) => void,
  intervalMs = 500,
): { stop(): void; readonly tripped: string | undefined } {
  let tripped: string | undefined;
  const timer = setInterval(() => {
    const problem = guardProblem(hostSnapshot(), limits);
    if (problem !== undefined && tripped === undefined) {
      tripped = problem;
      onTrip(problem);
    }
  }, intervalMs);
  return {
    stop: () => clearInterval(timer),
    get tripped() {
      return tripped;
    },
  };
}
