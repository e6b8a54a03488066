/**
 * Issue 13, item 8: shutdown always finishes, and one state folder has one server.
 * - close() resolves within about a second whatever the clients do: a logged-on client left
 *   connected, a socket that never said anything, a print job left half sent; the clients see
 *   their connections end, and the state folder goes with nothing still writing into it.
 * - A second server on the same state folder refuses, naming the first one's pid, and leaves the
 *   first one's control socket alone; a lock left by a process that is gone is taken over.
 * - A state folder that cannot be written stops the start with the folder and the reason.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createLogger, createSilentLogger } from '../../../lib/common/logger';
import { PrintServerHost } from '../../../lib/host/print-server-host';
import { STATE_LOCK_FILE, StateFolderError } from '../../../lib/host/state-folder';
import { Smb2Client } from '../../../lib/smb2/client/smb2-client';
import { controlSocketPath } from '../../../lib/spooler/control/control-protocol';
import { startFixtureServer } from '../../../lib/testing/fixture-server';
import { mountSmallDisk } from '../../helpers/small-disk';

jest.setTimeout(60000);

const BOB = { name: 'bob', password: 'B0b!pass', groups: ['Users'] };

function ended(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve();
    socket.once('close', () => resolve());
  });
}

test('close() finishes within about a second with an idle client, a silent socket and a half-sent job', async () => {
  const server = await startFixtureServer({ users: [BOB] });
  const state = server.stateDir;
  expect(existsSync(state)).toBe(true);
  const idle = await Smb2Client.connect({ host: server.host, port: server.port });
  const session = await idle.login({ user: BOB.name, password: BOB.password });
  await session.treeConnect('PRINT$');
  const printing = await Smb2Client.connect({ host: server.host, port: server.port });
  const tree = await (await printing.login({ user: BOB.name, password: BOB.password })).treeConnect('HpColor');
  const job = await tree.createFile('half.txt');
  await job.write(Buffer.from('half a document'), 0);
  const silent = net.connect(server.port, server.host);
  await new Promise((resolve) => silent.once('connect', resolve));
  silent.on('error', () => undefined);

  const started = Date.now();
  await server.close();
  // About a second (the grace, then the connections' deadline), with room for a loaded machine.
  expect(Date.now() - started).toBeLessThan(2500);
  // The clients see their connections go; the state folder is gone, nothing wrote into it late.
  await ended(silent);
  await expect(session.treeConnect('HpColor')).rejects.toThrow();
  expect(existsSync(state)).toBe(false);
  await idle.close();
  await printing.close();
});

describe('one state folder, one server', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-state-lock-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('a second server refuses with the first one pid and leaves its control socket alone', async () => {
    const first = await PrintServerHost.create({ stateDir: dir });
    try {
      const socket = controlSocketPath(dir);
      const inode = (await fs.stat(socket)).ino;
      const second = await PrintServerHost.create({ stateDir: dir }).catch((e: unknown) => e);
      expect(second).toBeInstanceOf(StateFolderError);
      expect((second as Error).message).toBe(
        `state folder ${dir} cannot be used: another pointprint serve uses it (pid ${process.pid}, this process, ` +
          `since ${(JSON.parse(await fs.readFile(path.join(dir, STATE_LOCK_FILE), 'utf8')) as { startedAt: string }).startedAt}; ` +
          `lock ${path.join(dir, STATE_LOCK_FILE)})`,
      );
      expect((await fs.stat(socket)).ino).toBe(inode);
      const reply = await new Promise<string>((resolve, reject) => {
        const c = net.connect(socket);
        c.on('error', reject);
        c.on('data', (d) => {
          resolve(d.toString());
          c.destroy();
        });
        c.write(`${JSON.stringify({ id: 1, op: 'status', args: {} })}\n`);
      });
      expect(reply).toMatch(/"ok":true/);
    } finally {
      await first.close();
    }
    expect(existsSync(path.join(dir, STATE_LOCK_FILE))).toBe(false);
  });

  test('the lock of a process that is gone is taken over, with a warning', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout);
    await fs.writeFile(
      path.join(dir, STATE_LOCK_FILE),
      JSON.stringify({ pid: deadPid, host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z' }),
    );
    let log = '';
    const stream = new PassThrough();
    stream.on('data', (c: Buffer) => (log += c.toString()));
    const host = await PrintServerHost.create({
      stateDir: dir,
      logger: createLogger({ level: 'warn', format: 'json', stream }),
    });
    try {
      const lock = JSON.parse(await fs.readFile(path.join(dir, STATE_LOCK_FILE), 'utf8')) as { pid: number };
      expect(lock.pid).toBe(process.pid);
      expect(log).toContain('taking over the lock of a server that is gone');
      expect(log).toContain(`"stalePid":${deadPid}`);
    } finally {
      await host.close();
    }
  });

  test('a state folder that cannot be written stops the start, naming the folder and the reason', async () => {
    await fs.writeFile(path.join(dir, 'a-file'), '');
    const under = path.join(dir, 'a-file', 'state');
    const err = await PrintServerHost.create({ stateDir: under, logger: createSilentLogger() }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StateFolderError);
    expect((err as Error).message).toBe(`state folder ${under} cannot be used: a part of the path is not a directory`);

    const disk = await mountSmallDisk(1024 * 1024);
    if (disk === undefined) return; // not root, not CI
    try {
      await disk.fill(0);
      const full = path.join(disk.dir, 'state');
      const onFull = await PrintServerHost.create({ stateDir: full }).catch((e: unknown) => e);
      expect((onFull as Error).message).toBe(`state folder ${full} cannot be used: no space left on the device`);
    } finally {
      await disk.unmount();
    }
  });
});
