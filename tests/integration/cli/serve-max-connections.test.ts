/**
 * `pointprint serve --max-connections N`: the server-wide connection limit is a setting. Beyond it
 * the sockets of an address that holds them all are closed.
 */
import * as net from 'node:net';
import type { CliDeps } from '../../../lib/cli/cli-deps';
import { buildPointprintProgram, runProgram } from '../../../lib/cli/program';
import { createSilentLogger } from '../../../lib/common/logger';
import { runCli } from '../../helpers/run-cli';
import { until } from '../../helpers/until';

jest.setTimeout(60000);

test('refuses a limit that is not a whole number of connections', async () => {
  const r = await runCli(buildPointprintProgram, ['serve', '--max-connections', '0']);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/--max-connections.*whole number of connections/);
});

test('--max-connections 8 holds 8 connections and closes the ones after', async () => {
  let out = '';
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const deps: CliDeps = {
    stdout: (s) => void (out += s),
    stderr: (s) => void (out += s),
    setExitCode: () => undefined,
    createLogger: () => createSilentLogger(),
    untilStopped: () => stopped,
  };
  const done = runProgram(
    buildPointprintProgram(deps),
    ['serve', '--port', '0', '--address', '127.0.0.1', '--max-connections', '8'],
    deps,
  );
  const sockets: net.Socket[] = [];
  try {
    const port = Number(
      (
        await until('the listening line', () => Promise.resolve(/^listening on [\d.]+:(\d+)$/m.exec(out) ?? undefined))
      )[1],
    );
    const closed: boolean[] = [];
    for (let i = 0; i < 10; i++) {
      const s = net.connect(port, '127.0.0.1');
      sockets.push(s);
      closed.push(false);
      s.on('close', () => (closed[i] = true));
      s.on('error', () => undefined);
      await new Promise((resolve) => s.once('connect', resolve));
    }
    await until('the refused sockets to close', () =>
      Promise.resolve(closed.filter(Boolean).length >= 2 ? true : undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toEqual([...new Array<boolean>(8).fill(false), true, true]);
  } finally {
    for (const s of sockets) s.destroy();
    stop();
    await done;
  }
});
