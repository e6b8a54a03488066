/**
 * Issue 13, item 8 at process level (the build, dist/bin/pointprint.js):
 * - `pointprint serve` stops on SIGTERM within a few seconds although an smbclient stays
 *   connected and idle at its prompt; a second SIGTERM while it closes is not ignored.
 * - A second `serve` on the same --state refuses to start, naming the first one's pid, and the
 *   first one's control socket keeps working.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { requireBuild, spawnServer, type SpawnedServer } from '../../helpers/spawn-server';
import { until } from '../../helpers/until';
import { run } from '../../helpers/rpc-stack';

jest.setTimeout(90000);

const within = <T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> =>
  Promise.race([p, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms).unref())]);

describeWithTools(['smbclient'], 'pointprint serve stops, and keeps its state folder to itself', () => {
  let dir: string;
  let server: SpawnedServer | undefined;
  let smbclient: ChildProcess | undefined;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-serve-stop-'));
  });
  afterEach(async () => {
    smbclient?.kill('SIGKILL');
    server?.kill('SIGKILL');
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** smbclient logged on to PRINT$, idle (its stdin is left open); the server logs at info level. */
  async function idleSmbclient(running: SpawnedServer): Promise<ChildProcess> {
    const child = spawn(TOOLS.smbclient, [`//127.0.0.1/PRINT$`, '-p', String(running.port), '-U', 'admin%Adm1n!pass'], {
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    await until(
      'smbclient connected to PRINT$',
      () => Promise.resolve(/tree connected.*PRINT\$/.test(running.stderr()) ? true : undefined),
      { timeoutMs: 20000 },
    );
    return child;
  }

  test('SIGTERM with an idle smbclient connected: the server exits 0, promptly', async () => {
    server = await spawnServer({ args: ['--state', dir, '--log-level', 'info'] });
    smbclient = await idleSmbclient(server);
    const started = Date.now();
    server.kill('SIGTERM');
    const exit = await within(server.exited, 10000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(5000);
    // The lock went with it: a new server starts on the folder.
    const next = await spawnServer({ args: ['--state', dir] });
    next.kill('SIGTERM');
    expect(await within(next.exited, 10000)).toEqual({ code: 0, signal: null });
  });

  test('a second SIGTERM while closing is not ignored', async () => {
    server = await spawnServer({ args: ['--state', dir, '--log-level', 'info'] });
    smbclient = await idleSmbclient(server);
    server.kill('SIGTERM');
    await until('the first signal is seen', () =>
      Promise.resolve(/SIGTERM: stopping/.test(server?.stderr() ?? '') ? true : undefined),
    );
    server.kill('SIGTERM');
    const exit = await within(server.exited, 10000);
    // Either the close had finished (exit 0), or the second signal ended it at once
    // (tests/unit/cli/serve-signals.test.ts checks that path in process).
    expect(exit === 'timeout' ? exit : exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
  });

  test('a second serve on the same --state refuses, naming the first; the first keeps its control socket', async () => {
    server = await spawnServer({ args: ['--state', dir] });
    const second = await run(process.execPath, [
      requireBuild(),
      'serve',
      '--port',
      '0',
      '--address',
      '127.0.0.1',
      '--state',
      dir,
    ]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(
      `pointprint serve: state folder ${dir} cannot be used: another pointprint serve uses it (pid ${server.pid},`,
    );
    expect(second.stderr).toContain('stop that server first, or give this one another --state folder');
    const status = await run(process.execPath, [requireBuild(), 'status', '--state', dir]);
    expect({ code: status.code, stderr: status.stderr }).toEqual({ code: 0, stderr: '' });
    expect(status.stdout).toContain('HpColor');
  });
});
