/**
 * One client process of the storm (forked by storm.ts): it runs its share of the N
 * AddPrinterConnection flows, all at once, each on its own SMB2 connection and client root, and
 * reports every flow's latency, the failures and its own CPU time. Several of these spread the
 * clients over processes, so one event loop no longer caps the measurement.
 *
 * Protocol over the IPC channel: the parent sends a StormJob; the worker makes the client roots
 * and answers `ready`; on `go` it starts every flow and answers `done` with a StormWorkerResult.
 * The parent ends it after that (it stays connected until then, so no message is lost to its exit).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addPrinterConnection } from '../lib/client/add-printer-connection';
import { createRemoteConnector } from '../lib/client/providers/remote-connector';
import { describeFailedFlows, startTracing, traced, type FlowTrace } from './storm-trace';

export interface StormJob {
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly printer: string;
  /** Flow numbers [first, first + count): machine names BENCH<n> and client roots client-<n>. */
  readonly first: number;
  readonly count: number;
  /** Where the client roots go (the parent removes it). */
  readonly rootsDir: string;
  /** A flow that has not finished by then counts as failed. */
  readonly flowTimeoutMs: number;
  /** The SMB2 client's connect and per-request time limit. */
  readonly requestTimeoutMs: number;
}

export interface StormWorkerResult {
  readonly latenciesMs: readonly number[];
  /** Failure message -> how many flows failed with it. */
  readonly failures: Readonly<Record<string, number>>;
  /** Warnings of the first successful flow (what the client said about the server's answers). */
  readonly warnings: readonly string[];
  /** CPU seconds this process used from `go` to the last flow. */
  readonly cpuSeconds: number;
  /** This process's peak RSS, in bytes. */
  readonly maxRssBytes: number;
}

export type ParentMessage = { readonly type: 'job'; readonly job: StormJob } | { readonly type: 'go' };
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly result: StormWorkerResult }
  | { readonly type: 'error'; readonly message: string };

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish in ${ms / 1000} s`)), ms);
    }),
  ]);
}

function cpuSecondsNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

export async function runFlows(job: StormJob): Promise<StormWorkerResult> {
  const credentials = { userName: job.user, password: job.password };
  const connector = createRemoteConnector({
    address: { host: '127.0.0.1', port: job.port },
    smb2: { timeoutMs: job.requestTimeoutMs },
  });
  const unc = `\\\\127.0.0.1\\${job.printer}`;
  const latenciesMs: number[] = [];
  const failures: Record<string, number> = {};
  let warnings: readonly string[] | undefined;
  const failedTraces: { trace: FlowTrace; failedAt: number }[] = [];
  const tracing = startTracing();
  const cpu0 = cpuSecondsNow();
  await Promise.all(
    Array.from({ length: job.count }, async (_, i) => {
      const n = job.first + i;
      const t0 = performance.now();
      const flow = traced(n, t0, () =>
        addPrinterConnection(unc, {
          clientRoot: join(job.rootsDir, `client-${n}`),
          connector,
          credentials,
          clientMachineName: `BENCH${n}`,
        }),
      );
      try {
        const result = await withTimeout(flow.result, job.flowTimeoutMs, 'AddPrinterConnection');
        latenciesMs.push(performance.now() - t0);
        warnings ??= result.warnings;
      } catch (err) {
        failedTraces.push({ trace: flow.trace, failedAt: performance.now() - t0 });
        const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        failures[message] = (failures[message] ?? 0) + 1;
      }
    }),
  );
  const loop = tracing.stop();
  // Where the client's time went: on stderr, next to the run's output (issue 18, docs/benchmarks.md).
  process.stderr.write(
    `storm client ${job.first}..${job.first + job.count - 1}: event loop delay p99 ${(loop.p99Ms / 1000).toFixed(1)} s,` +
      ` max ${(loop.maxMs / 1000).toFixed(1)} s` +
      (failedTraces.length > 0 ? `\n  ${describeFailedFlows(failedTraces)}` : '') +
      '\n',
  );
  return {
    latenciesMs,
    failures,
    warnings: warnings ?? [],
    cpuSeconds: cpuSecondsNow() - cpu0,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

function send(message: WorkerMessage): void {
  process.send?.(message);
}

if (require.main === module) {
  let job: StormJob | undefined;
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'job') {
      job = message.job;
      for (let i = 0; i < job.count; i++) mkdirSync(join(job.rootsDir, `client-${job.first + i}`));
      send({ type: 'ready' });
    } else if (job !== undefined) {
      // The parent ends this process once it has the result.
      runFlows(job).then(
        (result) => send({ type: 'done', result }),
        (err: unknown) => send({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
      );
    }
  });
}
