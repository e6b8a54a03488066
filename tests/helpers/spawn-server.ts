/**
 * `pointprint serve` as a separate process, from the build (dist/): for tests that must kill the
 * server for real (SIGKILL, no cleanup) and start it again on the same state directory.
 * Waits for the one line `serve` prints when ready (`listening on <address>:<port>`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const POINTPRINT_BIN = path.resolve(__dirname, '..', '..', 'dist', 'bin', 'pointprint.js');

export interface SpawnedServer {
  readonly pid: number;
  readonly port: number;
  readonly address: string;
  /** stderr so far (the server's log), for failure messages. */
  stderr(): string;
  /** stdout so far (`listening on ...`, `web view on ...`, the state line). */
  stdout(): string;
  kill(signal?: NodeJS.Signals): void;
  /** Resolves with the exit code, or the signal that ended the process. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnServerOptions {
  /** Arguments after `serve` (`--state DIR`, `--user ...`); `--port 0 --address 127.0.0.1` are added. */
  readonly args: readonly string[];
  readonly timeoutMs?: number;
}

/** Throws, saying what to do, when the build is missing. */
export function requireBuild(): string {
  if (!existsSync(POINTPRINT_BIN)) {
    throw new Error(`${POINTPRINT_BIN} does not exist: run \`npm run build\` first (npm run test:all builds first)`);
  }
  return POINTPRINT_BIN;
}

export async function spawnServer(options: SpawnServerOptions): Promise<SpawnedServer> {
  const bin = requireBuild();
  const child: ChildProcess = spawn(
    process.execPath,
    [bin, 'serve', '--port', '0', '--address', '127.0.0.1', ...options.args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (err += s));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const listening = await new Promise<{ address: string; port: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`pointprint serve printed no "listening on" line in time; stderr:\n${err}`));
    }, options.timeoutMs ?? 20000);
    child.stdout?.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const m = /listening on (\S+):(\d+)/.exec(out);
      if (m?.[1] !== undefined && m[2] !== undefined) {
        clearTimeout(timer);
        resolve({ address: m[1], port: Number(m[2]) });
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`pointprint serve exited (${code ?? signal}) before listening; stderr:\n${err}`));
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('pointprint serve has no pid');
  return {
    pid,
    ...listening,
    stderr: () => err,
    stdout: () => out,
    kill: (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    exited,
  };
}
