/**
 * Issue 13, item 7: a print server offering a 10 GiB queue-specific file (a sparse file in its
 * PRINT$). The client checks each download against the size the server announces and its
 * download limit (1 GiB by default, `maxDownloadSize` in the client config, the
 * `maxDownloadSize` option): the file is refused before a byte is read, the other files come.
 * On a full disk the run stops with ERROR_DISK_FULL naming the file, and no `.partial` file
 * stays; those an interrupted run left are removed by the next run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addPrinterConnection, type AddPrinterConnectionResult } from '../../../lib/client/add-printer-connection';
import { ClientState } from '../../../lib/client/client-state';
import { createRemoteConnector } from '../../../lib/client/providers/remote-connector';
import { Win32Error } from '../../../lib/common/errors';
import { Win32ErrorCode } from '../../../lib/common/status/win32-error';
import { DEFAULT_POINT_AND_PRINT_POLICY } from '../../../lib/point-and-print/policy';
import { listTree, startCraftedServer, type RunningFixture } from '../../helpers/hostile-server';
import { mountSmallDisk } from '../../helpers/small-disk';

jest.setTimeout(120000);

const UNC = '\\\\127.0.0.1\\HugeFile';
const TEN_GIB = 10 * 1024 ** 3;
const SMALL = Buffer.alloc(1000, 0x53);

describe('a server offering a huge file', () => {
  let server: RunningFixture;
  const roots: string[] = [];

  // The store the server serves: its state folder's copy of the fixture's (docs/drivers-store.md).
  const servedHugeFile = (): string =>
    path.join(server.server.printServerHost.printServer.driverStore.root, 'Huge', 'huge.bin');

  beforeAll(async () => {
    server = await startCraftedServer(
      {
        printers: { HugeFile: { copyFiles: { Huge: { Directory: 'Huge', Files: ['huge.bin', 'small.bin'] } } } },
        files: { 'Huge/huge.bin': '', 'Huge/small.bin': SMALL },
      },
      { evil: false },
    );
    // Sparse: 10 GiB announced, no disk used on the server side.
    await fs.truncate(servedHugeFile(), TEN_GIB);
  });
  afterAll(async () => {
    await server?.close();
    for (const r of roots) await fs.rm(r, { recursive: true, force: true });
  });

  const newRoot = async (): Promise<string> => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-huge-client-'));
    roots.push(root);
    return root;
  };

  const run = (clientRoot: string, maxDownloadSize?: number): Promise<AddPrinterConnectionResult> =>
    addPrinterConnection(UNC, {
      clientRoot,
      connector: createRemoteConnector({ address: { host: server.server.host, port: server.server.port } }),
      credentials: { userName: 'alice', password: 'Passw0rd!' },
      policy: { ...DEFAULT_POINT_AND_PRINT_POLICY, copyFilesPolicy: 2 },
      ...(maxDownloadSize !== undefined && { maxDownloadSize }),
    });

  const partials = async (root: string): Promise<string[]> =>
    (await listTree(root)).filter((f) => f.endsWith('.partial'));

  test('refused against the default limit before any byte is read; the other files come', async () => {
    const root = await newRoot();
    const started = Date.now();
    const result = await run(root);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result.warnings).toContain(
      `CopyFiles\\Huge: huge.bin not downloaded: \\\\127.0.0.1\\PRINT$\\Huge\\huge.bin announces ${TEN_GIB} bytes, ` +
        `more than the download limit of ${1024 ** 3} bytes`,
    );
    const huge = path.join(root, 'System32', 'spool', 'drivers', 'Huge');
    expect(await fs.readdir(huge)).toEqual(['small.bin']);
    expect(await fs.readFile(path.join(huge, 'small.bin'))).toEqual(SMALL);
    expect(await partials(root)).toEqual([]);
  });

  test('the limit comes from the option, else from the client config', async () => {
    const root = await newRoot();
    await fs.writeFile(
      path.join(root, 'pointprint-client.json'),
      JSON.stringify({
        format: 'pointprint-client/1',
        config: { maxDownloadSize: 999 },
        connections: [],
        drivers: [],
        defaultPrinters: [],
        eventLog: [],
      }),
    );
    const byConfig = await run(root);
    expect(byConfig.warnings).toContain(
      'CopyFiles\\Huge: small.bin not downloaded: \\\\127.0.0.1\\PRINT$\\Huge\\small.bin announces 1000 bytes, ' +
        'more than the download limit of 999 bytes',
    );
    const byOption = await run(root, 1000);
    expect(byOption.warnings.filter((w) => w.includes('small.bin'))).toEqual([]);
    expect(await fs.readFile(path.join(root, 'System32', 'spool', 'drivers', 'Huge', 'small.bin'))).toEqual(SMALL);
  });

  test('a full disk stops the run with ERROR_DISK_FULL naming the file; no .partial stays', async () => {
    const disk = await mountSmallDisk(1024 * 1024);
    if (disk === undefined) return; // not root, not CI
    try {
      // 4 MiB announced and under the limit: the client's disk fills up during the copy.
      await fs.truncate(servedHugeFile(), 4 * 1024 * 1024);
      const root = path.join(disk.dir, 'client');
      const err = await run(root).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Win32Error);
      expect((err as Win32Error).win32).toBe(Win32ErrorCode.ERROR_DISK_FULL);
      expect((err as Error).message).toBe(
        `${path.join(root, 'System32', 'spool', 'drivers', 'Huge', 'huge.bin')}: no space left on the device`,
      );
      expect(await partials(root)).toEqual([]);
      expect((await ClientState.load(root)).data.connections).toEqual([]);
    } finally {
      await fs.truncate(servedHugeFile(), TEN_GIB);
      await disk.unmount();
    }
  });

  test('a later run removes the .partial files an interrupted run left, not those of a live one', async () => {
    const root = await newRoot();
    const huge = path.join(root, 'System32', 'spool', 'drivers', 'Huge');
    await fs.mkdir(huge, { recursive: true });
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const left = [
      `.small.bin.${gone.stdout}-0123456789ab.partial`,
      // An older run wrote no pid.
      '.small.bin.ba9876543210.partial',
    ];
    // A run still going in another process of this user (this test's parent: alive).
    const live = `.small.bin.${process.ppid}-aaaaaaaaaaaa.partial`;
    for (const name of [...left, live]) await fs.writeFile(path.join(huge, name), 'half');
    await run(root);
    for (const name of left) expect(existsSync(path.join(huge, name))).toBe(false);
    expect(existsSync(path.join(huge, live))).toBe(true);
  });
});
