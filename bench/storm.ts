/**
 * Storm: N AddPrinterConnection flows at once (our client, each on its own SMB2 connection and
 * with its own client root) against one server, for the same printer, driver and CopyFiles\ICM
 * key on both servers. Each N runs on freshly started servers, ours first and then smbd, never
 * both at once, so that peak memory belongs to that N and that server alone.
 *
 * A flow is every step of DESIGN.md's AddPrinterConnection: negotiate, session setup, IPC$,
 * spoolss bind, OpenPrinterEx, GetPrinterDriver2, the driver files from PRINT$, the printer's keys
 * and CopyFiles\ICM, the client's CopyFiles step, the events and the client state.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import tmp from 'tmp';
import { addPrinterConnection } from '../lib/client/add-printer-connection';
import { createRemoteConnector } from '../lib/client/providers/remote-connector';
import { cpuSeconds, ownCpuSeconds } from './cpu-time';
import { sampleMemory, type MemoryPeak, type ProcessSelector } from './memory';
import { percentile } from './stats';

export interface StormTarget {
  readonly name: 'pointprint' | 'smbd';
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly printer: string;
  /** The server's processes, for memory. */
  readonly processes: ProcessSelector;
}

export interface StormRun {
  readonly server: 'pointprint' | 'smbd';
  readonly flows: number;
  readonly wallSeconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failures: number;
  /** The first few distinct failure messages. */
  readonly failureSamples: readonly string[];
  /** Warnings of the first successful flow (what the client said about the server's answers). */
  readonly warningSample: readonly string[];
  readonly memory: MemoryPeak;
  /** CPU seconds the server's processes used during the storm. */
  readonly serverCpuSeconds: number;
  /** CPU seconds the bench process (all N clients) used. */
  readonly clientCpuSeconds: number;
  /** (peak RSS - idle RSS) / N: what one more connected client costs the server. */
  readonly rssPerFlowKiB: number;
  /** (peak PSS - idle PSS) / N: the same with shared pages divided among the processes sharing them. */
  readonly pssPerFlowKiB: number;
}

/** A flow that has not finished by then counts as failed (the run stays bounded). */
const FLOW_TIMEOUT_MS = 180000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish in ${ms / 1000} s`)), ms);
    }),
  ]);
}

export async function runStorm(target: StormTarget, flows: number): Promise<StormRun> {
  const roots = tmp.dirSync({ unsafeCleanup: true, prefix: `pointprint-storm-${target.name}-` });
  const credentials = { userName: target.user, password: target.password };
  const connector = createRemoteConnector({ address: { host: '127.0.0.1', port: target.port } });
  const unc = `\\\\127.0.0.1\\${target.printer}`;
  const latencies: number[] = [];
  const failures: string[] = [];
  let warningSample: readonly string[] | undefined;
  const memory = sampleMemory(target.processes);
  const serverCpu0 = cpuSeconds(target.processes);
  const clientCpu0 = ownCpuSeconds();
  const start = performance.now();
  let wallSeconds = 0;
  let peak: MemoryPeak | undefined;
  try {
    await Promise.all(
      Array.from({ length: flows }, async (_, i) => {
        const clientRoot = join(roots.name, `client-${i}`);
        mkdirSync(clientRoot);
        const t0 = performance.now();
        try {
          const result = await withTimeout(
            addPrinterConnection(unc, { clientRoot, connector, credentials, clientMachineName: `BENCH${i}` }),
            FLOW_TIMEOUT_MS,
            'AddPrinterConnection',
          );
          latencies.push(performance.now() - t0);
          warningSample ??= result.warnings;
        } catch (err) {
          failures.push(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
        }
      }),
    );
  } finally {
    wallSeconds = (performance.now() - start) / 1000;
    peak = memory.stop();
    roots.removeCallback();
  }
  // smbd's per-client processes exit once their client has gone: wait for them to be reaped.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const serverCpuSeconds = cpuSeconds(target.processes) - serverCpu0;
  const clientCpuSeconds = ownCpuSeconds() - clientCpu0;
  return {
    server: target.name,
    flows,
    wallSeconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    failures: failures.length,
    failureSamples: [...new Set(failures)].slice(0, 3),
    warningSample: warningSample ?? [],
    memory: peak,
    serverCpuSeconds,
    clientCpuSeconds,
    rssPerFlowKiB: (peak.peakRssBytes - peak.baselineRssBytes) / flows / 1024,
    pssPerFlowKiB: (peak.peakPssBytes - peak.baselinePssBytes) / flows / 1024,
  };
}
