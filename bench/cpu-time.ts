/**
 * CPU time of a server's processes, from /proc/PID/stat: utime + stime, plus cutime + cstime
 * (the children it has reaped — smbd's per-client processes end up there once they exit). CPU
 * seconds per unit of work drift far less than wall time on a shared machine, so each benchmark
 * reports them next to its rates.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ProcessSelector } from './memory';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Fields 14-17 of /proc/PID/stat (after the parenthesised command, which may hold spaces). */
function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, so index 11.
    return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by the selected processes (and the children they reaped). */
export function cpuSeconds(select: ProcessSelector): number {
  return select().reduce((sum, pid) => sum + processTicks(pid), 0) / clockTicks();
}

/** CPU seconds of this process (the bench's own clients). */
export function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Busy CPU seconds of the whole machine so far, all cores (the first line of /proc/stat). */
export function machineBusySeconds(): number {
  try {
    const fields = readFileSync('/proc/stat', 'latin1').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal ...: busy is everything but idle and iowait.
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    return (total - (fields[3] ?? 0) - (fields[4] ?? 0)) / clockTicks();
  } catch {
    return Number.NaN;
  }
}
