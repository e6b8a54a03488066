/**
 * Our server in a child process (server-process.js: what `pointprint serve` runs, with the
 * connection limit raised), so that the clients of a benchmark do not share its event loop and its
 * memory can be read on its own. Optionally under the V8 CPU profiler: the .cpuprofile is written
 * when the process exits on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const BENCH_USER = { name: 'bench', password: 'B3nch!pw' } as const;

export interface PointprintServer {
  readonly port: number;
  /** DCE/RPC over TCP (MS-PAR, MS-RPRN at PKT_PRIVACY). */
  readonly rpcPort: number;
  readonly pid: number;
  stop(): Promise<void>;
}

export interface PointprintServerOptions {
  /** The PRINT$ tree. */
  readonly drivers: string;
  /** Write a V8 CPU profile into this directory (node --cpu-prof). */
  readonly cpuProfileDir?: string;
  readonly signingRequired?: boolean;
  /** The server's connection limit (Smb2Server maxConnections, 1024 by default). */
  readonly maxConnections?: number;
  /** The listen backlog (`serve --backlog`); the server's default (4096) when absent. */
  readonly backlog?: number;
  /** The deadlines to negotiate and to log on, in ms (the server's own, 30 s and 60 s, when absent). */
  readonly deadlinesMs?: number;
}

const SERVER = join(__dirname, 'server-process.js');

/** Room for the largest storm (10,000 connections) and the bench's own. */
export const BENCH_MAX_CONNECTIONS = 16384;

export async function startPointprintServer(options: PointprintServerOptions): Promise<PointprintServer> {
  const nodeArgs = options.cpuProfileDir !== undefined ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [];
  const args = [
    ...nodeArgs,
    SERVER,
    options.drivers,
    `${BENCH_USER.name}:${BENCH_USER.password}`,
    String(options.maxConnections ?? BENCH_MAX_CONNECTIONS),
    ...(options.signingRequired ? ['--signing-required'] : []),
    ...(options.backlog !== undefined ? ['--backlog', String(options.backlog)] : []),
    ...(options.deadlinesMs !== undefined ? ['--deadlines', String(options.deadlinesMs)] : []),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    if (stderr.length < 4096) stderr += d;
  });
  const [port, rpcPort] = await new Promise<[number, number]>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the bench server did not start in 20 s: ${stderr}`)), 20000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /listening on [^\s:]+:(\d+)/.exec(out);
      const rpc = /RPC over TCP \(MS-PAR, MS-RPRN\) on [^\s:]+:(\d+)/.exec(out);
      if (m && rpc) {
        clearTimeout(timer);
        resolve([Number(m[1]), Number(rpc[1])]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bench server exited with ${code}: ${stderr}`));
    });
  });
  return {
    port,
    rpcPort,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        // Ended already (exited, or killed by the storm's host guard).
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // The profile is written on a clean exit: give it time before forcing.
        const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
