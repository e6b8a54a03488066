/**
 * The open-file limit (ulimit -n) for a storm: 10,000 flows hold 10,000 sockets in our server
 * and as many in the client processes. Node cannot call setrlimit, so the bench asks util-linux's
 * prlimit to raise its own limit (raising the hard limit needs root, which the bench has); the
 * servers and client processes it starts afterwards inherit it. What was done is recorded.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface FdLimit {
  readonly soft: number;
  readonly hard: number;
}

export interface FdLimitChange {
  readonly before: FdLimit;
  readonly after: FdLimit;
  readonly wanted: number;
  /** What was done, in words, for the report. */
  readonly action: string;
}

/** "Max open files  20000  20000  files" of /proc/PID/limits ("unlimited" is Infinity). */
export function parseFdLimit(limitsText: string): FdLimit {
  const m = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limitsText);
  if (!m) throw new Error('no "Max open files" line in the limits');
  const value = (s: string): number => (s === 'unlimited' ? Number.POSITIVE_INFINITY : Number(s));
  return { soft: value(m[1]!), hard: value(m[2]!) };
}

export function currentFdLimit(): FdLimit {
  return parseFdLimit(readFileSync('/proc/self/limits', 'latin1'));
}

/** The kernel's ceiling for a process's limit (fs.nr_open). */
function nrOpen(): number {
  try {
    return Number(readFileSync('/proc/sys/fs/nr_open', 'latin1').trim()) || 1048576;
  } catch {
    return 1048576;
  }
}

function prlimit(soft: number, hard: number): string | undefined {
  try {
    execFileSync('prlimit', ['--pid', String(process.pid), `--nofile=${soft}:${hard}`], { stdio: 'pipe' });
    return undefined;
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    return stderr || (err instanceof Error ? err.message : String(err));
  }
}

/** Raises this process's soft (and if need be hard) limit to at least `wanted`, where allowed. */
export function raiseFdLimit(wanted: number): FdLimitChange {
  const before = currentFdLimit();
  if (before.soft >= wanted) return { before, after: before, wanted, action: `kept: ${before.soft} is enough` };
  const target = Math.min(wanted, nrOpen());
  const hard = Math.max(before.hard, target);
  let problem = prlimit(target, hard);
  let action = `raised with prlimit from ${before.soft}:${before.hard} to ${target}:${hard}`;
  if (problem !== undefined && before.hard > before.soft) {
    // Not root: the soft limit can still go up to the hard one.
    const fallback = prlimit(before.hard, before.hard);
    action = `prlimit to ${target} failed (${problem}); soft limit raised to the hard limit ${before.hard}`;
    problem = fallback;
  }
  const after = currentFdLimit();
  if (problem !== undefined) action = `could not raise it (${problem}); it stays ${after.soft}:${after.hard}`;
  return { before, after, wanted, action };
}
