/**
 * `pointprint serve` without --state: a temporary state directory (tmp) that it names on stdout,
 * where the control channel listens and the emulated devices really print, removed when the
 * server stops. With --state, the directory given is kept.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliDeps } from '../../../lib/cli/cli-deps';
import { buildPointprintProgram, runProgram } from '../../../lib/cli/program';
import { createSilentLogger } from '../../../lib/common/logger';
import { runCli } from '../../helpers/run-cli';
import { until } from '../../helpers/until';

jest.setTimeout(60000);

interface Running {
  out: () => string;
  stop: () => Promise<number>;
}

/** `pointprint serve ...args` in process, until stop(). */
function serve(args: string[]): Running {
  let out = '';
  let err = '';
  let code = 0;
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const deps: CliDeps = {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    setExitCode: (c) => void (code = c),
    createLogger: () => createSilentLogger(),
    untilStopped: () => stopped,
  };
  const done = runProgram(
    buildPointprintProgram(deps),
    ['serve', '--port', '0', '--address', '127.0.0.1', ...args],
    deps,
  );
  return {
    out: () => out + err,
    stop: async () => {
      stop();
      await done;
      return code;
    },
  };
}

const pointprint = (argv: string[]) => runCli(buildPointprintProgram, argv);

test('without --state: a temporary state that prints, named on stdout, removed on stop', async () => {
  const server = serve([]);
  let state = '';
  try {
    const line = await until('the state line', () =>
      Promise.resolve(/^state in (\S+) \(temporary, removed when the server stops/m.exec(server.out()) ?? undefined),
    );
    state = line[1] ?? '';
    expect(server.out()).toMatch(/^listening on 127\.0\.0\.1:\d+\n/);
    expect(server.out()).toContain(`pointprint status --state ${state}`);
    expect((await fs.stat(state)).isDirectory()).toBe(true);

    // The control channel is there, and the device prints what is queued.
    expect((await pointprint(['device', 'HpColor', 'ppm', '6000', '--state', state])).code).toBe(0);
    const file = path.join(os.tmpdir(), `pp-serve-state-${process.pid}.txt`);
    await fs.writeFile(file, 'page one\fpage two\f');
    try {
      const queued = await pointprint(['print', file, '--printer', 'HpColor', '--state', state]);
      expect(queued.out).toMatch(/^job \d+ queued on HpColor \(18 bytes\)\n$/);
    } finally {
      await fs.rm(file, { force: true });
    }
    const outDir = path.join(state, 'OUTPUT', 'IP_10.0.0.15');
    const printed = await until('printed output', async () => {
      const names = await fs.readdir(outDir).catch(() => [] as string[]);
      return names.find((n) => n.endsWith('.prn'));
    });
    expect(await fs.readFile(path.join(outDir, printed), 'latin1')).toBe('page one\fpage two\f');
  } finally {
    expect(await server.stop()).toBe(0);
  }
  await expect(fs.stat(state)).rejects.toThrow(/ENOENT/);
});

test('with --state DIR: the directory is named and kept', async () => {
  const state = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-serve-kept-'));
  try {
    const server = serve(['--state', state]);
    await until('the state line', () => Promise.resolve(server.out().includes('state in') || undefined));
    expect(server.out()).toContain(`state in ${state}: pointprint status --state ${state}\n`);
    expect(await server.stop()).toBe(0);
    expect((await fs.stat(state)).isDirectory()).toBe(true);
  } finally {
    await fs.rm(state, { recursive: true, force: true });
  }
});

test('with --http-port 0: the web view on loopback, named on stdout, stops with the server', async () => {
  const server = serve(['--http-port', '0']);
  let url = '';
  try {
    const line = await until('the web view line', () =>
      Promise.resolve(/^web view on (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(server.out()) ?? undefined),
    );
    url = line[1] ?? '';
    expect(server.out()).toMatch(/^listening on 127\.0\.0\.1:\d+\nweb view on /);
    const auth = `Basic ${Buffer.from('alice:Passw0rd!').toString('base64')}`;
    const page = await fetch(url, { headers: { Authorization: auth } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-printer="HpColor"');
  } finally {
    expect(await server.stop()).toBe(0);
  }
  await expect(fetch(url)).rejects.toThrow();
});

test('without --http-port there is no web view', async () => {
  const server = serve([]);
  try {
    await until('the state line', () => Promise.resolve(server.out().includes('state in') || undefined));
    expect(server.out()).not.toContain('web view');
  } finally {
    expect(await server.stop()).toBe(0);
  }
});
