/**
 * Server memory, sampled from /proc while a benchmark runs. Our server is one process; smbd forks
 * one process per client (plus samba-dcerpcd and the rpcd_* workers), so its figure is the sum
 * over every process started with the bench's smb.conf. RSS counts pages shared between those
 * processes once per process, which overstates a forking server; PSS (/proc/PID/smaps_rollup)
 * divides each shared page among its users, so the JSON carries both.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface MemoryPeak {
  /** Sum of VmRSS when sampling began (the idle server), in bytes. */
  readonly baselineRssBytes: number;
  /** Largest sum of VmRSS seen, in bytes. */
  readonly peakRssBytes: number;
  /** Sum of Pss when sampling began, in bytes. */
  readonly baselinePssBytes: number;
  /** Largest sum of Pss seen, in bytes. */
  readonly peakPssBytes: number;
  /** Most processes seen at once. */
  readonly peakProcesses: number;
  /**
   * Most descriptors open at once beyond the idle server's, for a server of a few processes (NaN
   * for smbd, whose peakProcesses says the same): how many connections were really open together.
   */
  readonly peakOpenFds: number;
  readonly samples: number;
}

/** Which processes make up the server. */
export type ProcessSelector = () => number[];

function readKb(file: string, field: string): number {
  try {
    const text = readFileSync(file, 'latin1');
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0; // the process ended between listing and reading
  }
}

export function rssBytes(pid: number): number {
  return readKb(`/proc/${pid}/status`, 'VmRSS');
}

export function pssBytes(pid: number): number {
  return readKb(`/proc/${pid}/smaps_rollup`, 'Pss');
}

/** Peak resident set of a process over its life (VmHWM). */
export function highWaterBytes(pid: number): number {
  return readKb(`/proc/${pid}/status`, 'VmHWM');
}

/** The process itself. */
export function singleProcess(pid: number): ProcessSelector {
  return () => [pid];
}

/** Every process whose command line contains `marker` (smbd and its children all carry the conf path). */
export function processesMatching(marker: string): ProcessSelector {
  return () => {
    const pids: number[] = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'latin1');
        if (cmdline.includes(marker)) pids.push(Number(entry));
      } catch {
        // gone already
      }
    }
    return pids;
  };
}

/** Open file descriptors of a process (its sockets, for our server: about one per connection). */
export function openFdCount(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return 0;
  }
}

/**
 * Samples the selected processes every `intervalMs` until stop(); PSS is read every `pssEvery`
 * samples because smaps_rollup walks the page tables. With thousands of smbd processes one
 * sample takes long, so the next one waits at least 4 times as long as the last took: the
 * sampler stays under a fifth of a core. `countFds` also counts the descriptors (for our one
 * process; smbd's peakProcesses already says how many clients it held).
 */
export function sampleMemory(
  select: ProcessSelector,
  options: { readonly intervalMs?: number; readonly pssEvery?: number; readonly countFds?: boolean } = {},
): { stop(): MemoryPeak } {
  const intervalMs = options.intervalMs ?? 200;
  const pssEvery = options.pssEvery ?? 5;
  let peakRss = 0;
  let peakPss = 0;
  let peakProcesses = 0;
  let peakFds = 0;
  let samples = 0;
  let baseline = -1;
  let baselinePss = -1;
  let baselineFds = -1;
  let timer: NodeJS.Timeout | undefined;
  const sample = (withPss = samples % pssEvery === 0): void => {
    const pids = select();
    let rss = 0;
    for (const pid of pids) rss += rssBytes(pid);
    if (baseline < 0) baseline = rss;
    if (withPss) {
      let pss = 0;
      for (const pid of pids) pss += pssBytes(pid);
      if (baselinePss < 0) baselinePss = pss;
      peakPss = Math.max(peakPss, pss);
    }
    if (options.countFds === true) {
      const fds = pids.reduce((sum, pid) => sum + openFdCount(pid), 0);
      if (baselineFds < 0) baselineFds = fds;
      peakFds = Math.max(peakFds, fds);
    }
    peakRss = Math.max(peakRss, rss);
    peakProcesses = Math.max(peakProcesses, pids.length);
    samples++;
  };
  const next = (): void => {
    const t0 = performance.now();
    sample();
    timer = setTimeout(next, Math.max(intervalMs, 4 * (performance.now() - t0)));
  };
  sample();
  timer = setTimeout(next, intervalMs);
  return {
    stop: () => {
      clearTimeout(timer);
      sample(true);
      return {
        baselineRssBytes: baseline,
        peakRssBytes: peakRss,
        baselinePssBytes: baselinePss,
        peakPssBytes: peakPss,
        peakProcesses,
        peakOpenFds: baselineFds < 0 ? Number.NaN : peakFds - baselineFds,
        samples,
      };
    },
  };
}
