/**
 * Storm: N AddPrinterConnection flows at once (our client, each on its own SMB2 connection and
 * with its own client root) against one server, for the same printer, driver and CopyFiles\ICM
 * key on both servers. Each N runs on freshly started servers, ours first and then smbd, never
 * both at once, so that peak memory belongs to that N and that server alone.
 *
 * The clients are spread over several processes (storm-worker.js), so that one event loop no
 * longer caps the measurement: each makes its client roots, says it is ready, and every flow
 * starts when all are. A flow is every step of DESIGN.md's AddPrinterConnection: negotiate,
 * session setup, IPC$, spoolss bind, OpenPrinterEx, GetPrinterDriver2, the driver files from
 * PRINT$, the printer's keys and CopyFiles\ICM, the client's CopyFiles step, the events and the
 * client state.
 *
 * The run is bounded: a flow that has not finished in flowTimeoutFor(N) fails, a client process
 * that has not reported a minute later is killed (its flows fail), and the host guard ends the
 * server when the machine runs short of memory or pids (smbd forks a process per client).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpuSeconds, machineBusySeconds } from './cpu-time';
import { watchHost, type HostGuardLimits } from './host-guard';
import { sampleMemory, type MemoryPeak, type ProcessSelector } from './memory';
import { percentile } from './stats';
import { listenCountersSince, readListenCounters, type ListenCounters } from './tcp-stats';
import type { ParentMessage, StormJob, StormWorkerResult, WorkerMessage } from './storm-worker';

export interface StormTarget {
  readonly name: 'pointprint' | 'smbd';
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly printer: string;
  /** The server's processes, for memory and CPU (and to end it when the host guard trips). */
  readonly processes: ProcessSelector;
  /** Count the server's open descriptors (our one process: about one per connection). */
  readonly countFds?: boolean;
}

export interface StormOptions {
  readonly flows: number;
  /** Client processes. */
  readonly workers: number;
  /** The host guard's limits; none, no guard. */
  readonly guard?: HostGuardLimits;
  /** Default flowTimeoutFor(flows). */
  readonly flowTimeoutMs?: number;
  /** The client's connect and per-request limit; default REQUEST_TIMEOUT_MS. */
  readonly requestTimeoutMs?: number;
}

export interface StormRun {
  readonly server: 'pointprint' | 'smbd';
  readonly flows: number;
  /** Client processes the flows were spread over. */
  readonly workers: number;
  /** The client's per-request limit and the flow's, in ms. */
  readonly requestTimeoutMs: number;
  readonly flowTimeoutMs: number;
  readonly wallSeconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failures: number;
  /** The most frequent distinct failure messages, with their counts. */
  readonly failureSamples: readonly string[];
  /** Warnings of the first successful flow (what the client said about the server's answers). */
  readonly warningSample: readonly string[];
  readonly memory: MemoryPeak;
  /** CPU seconds the server's processes used during the storm. */
  readonly serverCpuSeconds: number;
  /** serverCpuSeconds per flow, in milliseconds. */
  readonly serverCpuMsPerFlow: number;
  /** CPU seconds of the client processes (all N clients). */
  readonly clientCpuSeconds: number;
  /** (peak RSS - idle RSS) / N: what one more connected client costs the server. */
  readonly rssPerFlowKiB: number;
  /** (peak PSS - idle PSS) / N: the same with shared pages divided among the processes sharing them. */
  readonly pssPerFlowKiB: number;
  /**
   * CPU seconds the rest of the machine used meanwhile (busy time of all cores over the storm and
   * the second after it, less the server and the clients): the other jobs of a shared machine, and
   * the bench's own sampling.
   */
  readonly otherCpuSeconds: number;
  /** The kernel's listen-queue counters over the storm (machine-wide). */
  readonly listen: ListenCounters;
  /** Why the storm was cut short (the host guard ended the server), when it was. */
  readonly aborted?: string;
}

/**
 * The storm's clients wait for each answer as long as Windows' redirector does by default
 * (SessTimeout, 60 s since Windows 2000; our client's own default is 30 s): a storm measures the
 * server, and on a shared 2-core machine a starved client process can fire a 30 s timer before it
 * reads an answer that came in time.
 */
export const REQUEST_TIMEOUT_MS = 60000;

/**
 * A flow that has not finished by then counts as failed: 3 minutes, or 90 ms per flow when more
 * (15 minutes at 10,000: a storm's flows all end near its end, and a shared 2-core machine may
 * give the bench half its cores).
 */
export function flowTimeoutFor(flows: number): number {
  return Math.max(180000, 90 * flows);
}

/**
 * The client processes run at this nice value: the server under test has the priority over its
 * own load generator (4 client processes would otherwise get 4 times its share of a busy CPU),
 * and the clients yield to the other jobs of a shared machine.
 */
export const CLIENT_NICE = 5;
/** How long a client process may take to report after the flow timeout. */
const REPORT_GRACE_MS = 60000;
const READY_TIMEOUT_MS = 120000;
const WORKER = join(__dirname, 'storm-worker.js');

interface Worker {
  readonly child: ChildProcess;
  readonly job: StormJob;
  readonly ready: Promise<void>;
  /** The result, or why there is none (the worker's flows then all count as failed). */
  readonly done: Promise<StormWorkerResult | string>;
}

function startWorker(job: StormJob): Worker {
  const child = fork(WORKER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    if (child.pid !== undefined) setPriority(child.pid, CLIENT_NICE);
  } catch {
    // not allowed here: the clients run at the bench's own priority
  }
  let readyResolve: () => void = () => undefined;
  let readyReject: (err: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    readyResolve = resolve;
    readyReject = reject;
  });
  const done = new Promise<StormWorkerResult | string>((resolve) => {
    child.on('message', (m: WorkerMessage) => {
      if (m.type === 'ready') readyResolve();
      else if (m.type === 'done') resolve(m.result);
      else resolve(`client process failed: ${m.message}`);
    });
    child.once('exit', (code, signal) => {
      const why = `client process exited (${signal ?? `code ${code}`}) before reporting`;
      readyReject(new Error(why));
      resolve(why);
    });
  });
  // A ready that nobody awaits any more must not become an unhandled rejection.
  ready.catch(() => undefined);
  child.send({ type: 'job', job } satisfies ParentMessage);
  return { child, job, ready, done };
}

function timeout(ms: number, value: string): { promise: Promise<string>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(value), ms)));
  return { promise, cancel: () => clearTimeout(timer) };
}

/** Splits `flows` into `parts` counts that differ by at most one. */
export function splitFlows(flows: number, parts: number): number[] {
  const n = Math.max(1, Math.min(parts, flows));
  return Array.from({ length: n }, (_, i) => Math.floor(flows / n) + (i < flows % n ? 1 : 0));
}

function killAll(select: ProcessSelector): void {
  for (const pid of select()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}

export async function runStorm(target: StormTarget, options: StormOptions): Promise<StormRun> {
  const { flows } = options;
  const flowTimeoutMs = options.flowTimeoutMs ?? flowTimeoutFor(flows);
  const requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const rootsDir = mkdtempSync(join(tmpdir(), `pointprint-storm-${target.name}-`));
  const workers: Worker[] = [];
  let first = 0;
  for (const count of splitFlows(flows, options.workers)) {
    const { port, user, password, printer } = target;
    workers.push(
      startWorker({ port, user, password, printer, first, count, rootsDir, flowTimeoutMs, requestTimeoutMs }),
    );
    first += count;
  }
  try {
    const readyTimer = timeout(READY_TIMEOUT_MS, 'timeout');
    const ready = await Promise.race([Promise.all(workers.map((w) => w.ready)), readyTimer.promise]);
    readyTimer.cancel();
    if (ready === 'timeout') throw new Error(`storm client processes not ready in ${READY_TIMEOUT_MS / 1000} s`);

    const memory = sampleMemory(target.processes, { countFds: target.countFds === true });
    const serverCpu0 = cpuSeconds(target.processes);
    const listen0 = readListenCounters();
    const busy0 = machineBusySeconds();
    let serverCpuAtTrip: number | undefined;
    const guard =
      options.guard &&
      watchHost(options.guard, () => {
        // smbd "as far as it survives": read its CPU time, then end it; the flows fail fast.
        serverCpuAtTrip = cpuSeconds(target.processes);
        killAll(target.processes);
      });
    const start = performance.now();
    let end = start;
    for (const w of workers) w.child.send({ type: 'go' } satisfies ParentMessage);
    const deadline = timeout(flowTimeoutMs + REPORT_GRACE_MS, 'deadline');
    const outcomes = await Promise.all(
      workers.map(async (w) => {
        const r = await Promise.race([w.done, deadline.promise]);
        end = Math.max(end, performance.now());
        return r === 'deadline'
          ? `client process did not report within ${(flowTimeoutMs + REPORT_GRACE_MS) / 1000} s`
          : r;
      }),
    );
    deadline.cancel();
    guard?.stop();
    const peak = memory.stop();
    const listen = listenCountersSince(listen0);
    // smbd's per-client processes exit once their client has gone: wait for them to be reaped.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const serverCpuSeconds = (serverCpuAtTrip ?? cpuSeconds(target.processes)) - serverCpu0;
    const busy = machineBusySeconds() - busy0;
    return summarizeStorm(target.name, options, outcomes, {
      requestTimeoutMs,
      flowTimeoutMs,
      wallSeconds: (end - start) / 1000,
      memory: peak,
      serverCpuSeconds,
      machineBusySeconds: busy,
      listen,
      ...(guard?.tripped !== undefined && { aborted: `host guard: ${guard.tripped}; the server was ended` }),
    });
  } finally {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await rm(rootsDir, { recursive: true, force: true });
  }
}

/**
 * One row from the client processes' outcomes: latencies and failures merged; a process that
 * gave no result (it died, or did not report in time) fails all its flows with the reason.
 */
export function summarizeStorm(
  server: StormRun['server'],
  options: StormOptions,
  outcomes: readonly (StormWorkerResult | string)[],
  measured: Pick<
    StormRun,
    'requestTimeoutMs' | 'flowTimeoutMs' | 'wallSeconds' | 'memory' | 'serverCpuSeconds' | 'listen' | 'aborted'
  > & {
    readonly machineBusySeconds: number;
  },
): StormRun {
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const fail = (message: string, n: number): void => void failures.set(message, (failures.get(message) ?? 0) + n);
  let warningSample: readonly string[] | undefined;
  let clientCpuSeconds = 0;
  const counts = splitFlows(options.flows, options.workers);
  outcomes.forEach((o, i) => {
    if (typeof o === 'string') return fail(o, counts[i]!);
    latencies.push(...o.latenciesMs);
    for (const [message, n] of Object.entries(o.failures)) fail(message, n);
    if (o.latenciesMs.length > 0) warningSample ??= o.warnings;
    clientCpuSeconds += o.cpuSeconds;
  });
  const failed = [...failures.values()].reduce((a, b) => a + b, 0);
  const { flows } = options;
  return {
    server,
    flows,
    workers: counts.length,
    requestTimeoutMs: measured.requestTimeoutMs,
    flowTimeoutMs: measured.flowTimeoutMs,
    wallSeconds: measured.wallSeconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    failures: failed,
    failureSamples: [...failures.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([message, n]) => `${n} x ${message}`),
    warningSample: warningSample ?? [],
    memory: measured.memory,
    serverCpuSeconds: measured.serverCpuSeconds,
    serverCpuMsPerFlow: (measured.serverCpuSeconds / flows) * 1000,
    clientCpuSeconds,
    rssPerFlowKiB: (measured.memory.peakRssBytes - measured.memory.baselineRssBytes) / flows / 1024,
    pssPerFlowKiB: (measured.memory.peakPssBytes - measured.memory.baselinePssBytes) / flows / 1024,
    otherCpuSeconds: measured.machineBusySeconds - measured.serverCpuSeconds - clientCpuSeconds,
    listen: measured.listen,
    ...(measured.aborted !== undefined && { aborted: measured.aborted }),
  };
}
