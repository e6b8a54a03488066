/**
 * A driver installed the way a Windows admin tool installs one, with Samba's tools against
 * pointprint (a state folder, so PRINT$ is the folder's writable copy of the drivers store):
 *   1. smbclient `put` the files into `\\server\print$\x64\` as an administrator (a normal user
 *      gets NT_STATUS_ACCESS_DENIED; `..` never leaves the share);
 *   2. rpcclient `adddriver "Windows x64" "Name:drv.dll:data:config.dll:help.hlp:NULL:RAW:extra1,extra2" 3`
 *      (RpcAddPrinterDriverEx level 3, bare file names): the server moves them into x64\3\;
 *   3. rpcclient `enumdrivers 3` lists the driver with its files under x64\3, and smbclient
 *      downloads each file from there, byte for byte;
 *   4. after a restart over the same state folder, the same;
 *   5. once HpColor uses it (rpcclient setdriver), our addprinterconnection downloads its files.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { buildAddPrinterConnectionProgram } from '../../../lib/cli/program';
import { PrintServerHost } from '../../../lib/host/print-server-host';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { ADMIN, ALICE, rpcclient, run } from '../../helpers/rpc-stack';
import { runCli } from '../../helpers/run-cli';

jest.setTimeout(120_000);

const FILES = ['drv.dll', 'data', 'config.dll', 'help.hlp', 'extra1', 'extra2'];
const DRIVER = 'Uploaded Test Driver';

describeWithTools(['smbclient', 'rpcclient'], 'smbclient put into PRINT$, then rpcclient adddriver', () => {
  let root: string;
  let state: string;
  let local: string;
  let host: PrintServerHost | undefined;
  let port = 0;
  const contents = new Map<string, Buffer>();

  const start = async (): Promise<void> => {
    host = await PrintServerHost.create({ stateDir: state, rpc: { port: false } });
    ({ port } = await host.listen(0, '127.0.0.1'));
  };
  const smbclient = (user: string, commands: string) =>
    run(TOOLS.smbclient, ['-p', String(port), '//127.0.0.1/print$', '-U', user, '-c', commands], 60_000);

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-print-upload-'));
    state = path.join(root, 'state');
    local = path.join(root, 'local');
    await fs.mkdir(local);
    for (const f of FILES) {
      const bytes = Buffer.concat([Buffer.from(`${f}\n`), randomBytes(50_000 + f.length * 1000)]);
      contents.set(f, bytes);
      await fs.writeFile(path.join(local, f), bytes);
    }
    await start();
  });
  afterAll(async () => {
    await host?.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it("a normal user cannot put or mkdir; an administrator's `..` stays in the share; del deletes", async () => {
    const r = await smbclient(ALICE, `put ${path.join(local, 'drv.dll')} x64\\drv.dll; mkdir x64\\alice`);
    expect(r.stdout + r.stderr).toContain('NT_STATUS_ACCESS_DENIED opening remote file \\x64\\drv.dll');
    expect(r.stdout + r.stderr).toContain('NT_STATUS_ACCESS_DENIED making remote directory \\x64\\alice');
    // smbclient resolves `..` itself, against the share's root: the file lands at the root of
    // PRINT$, never above it. (A raw `..` on the wire is STATUS_OBJECT_PATH_SYNTAX_BAD:
    // tests/integration/smb2/print-dollar-writes.test.ts.)
    const escape = await smbclient(ADMIN, `put ${path.join(local, 'drv.dll')} ..\\..\\escaped.dll`);
    expect(escape.stdout + escape.stderr).toContain('as \\escaped.dll');
    expect(existsSync(path.join(state, 'drivers', 'escaped.dll'))).toBe(true);
    expect(existsSync(path.join(root, 'escaped.dll'))).toBe(false);
    expect(existsSync(path.join(state, 'escaped.dll'))).toBe(false);
    expect((await smbclient(ADMIN, 'del escaped.dll')).code).toBe(0);
    expect(existsSync(path.join(state, 'drivers', 'escaped.dll'))).toBe(false);
  });

  it('an administrator puts the files into x64\\, and adddriver installs them into x64\\3\\', async () => {
    const puts = FILES.map((f) => `put ${path.join(local, f)} x64\\${f}`).join('; ');
    const r = await smbclient(ADMIN, puts);
    expect(r.stdout + r.stderr).not.toMatch(/NT_STATUS_/);
    expect(r.code).toBe(0);
    for (const f of FILES)
      expect((await fs.readFile(path.join(state, 'drivers', 'x64', f))).equals(contents.get(f)!)).toBe(true);

    const add = await rpcclient(
      port,
      ADMIN,
      `adddriver "Windows x64" "${DRIVER}:drv.dll:data:config.dll:help.hlp:NULL:RAW:extra1,extra2" 3`,
    );
    expect(add.stdout).toContain(`Printer Driver ${DRIVER} successfully installed.`);
    for (const f of FILES) expect(existsSync(path.join(state, 'drivers', 'x64', f))).toBe(false);
  });

  const checkInstalled = async (): Promise<void> => {
    const list = await rpcclient(port, ADMIN, 'enumdrivers 3');
    const block = list.stdout.split(/\n\s*\n/).find((b) => b.includes(`Driver Name: [${DRIVER}]`)) ?? '';
    expect(block).toMatch(/Driver Path: \[\\\\[^\\]+\\print\$\\x64\\3\\drv\.dll\]/i);
    expect(block).toMatch(/Datafile: \[\\\\[^\\]+\\print\$\\x64\\3\\data\]/i);
    expect(block).toMatch(/Configfile: \[\\\\[^\\]+\\print\$\\x64\\3\\config\.dll\]/i);
    expect(block).toMatch(/Dependentfiles: \[\\\\[^\\]+\\print\$\\x64\\3\\extra2\]/i);
    const out = path.join(root, `got-${Date.now()}`);
    await fs.mkdir(out);
    const gets = FILES.map((f) => `get x64\\3\\${f} ${path.join(out, f)}`).join('; ');
    const r = await smbclient(ALICE, gets);
    expect(r.stdout + r.stderr).not.toMatch(/NT_STATUS_/);
    for (const f of FILES) expect((await fs.readFile(path.join(out, f))).equals(contents.get(f)!)).toBe(true);
  };

  it('enumdrivers 3 lists the driver under x64\\3, whose files download byte for byte', checkInstalled);

  it('a restart over the same state folder keeps the driver and its files', async () => {
    await host?.close();
    host = undefined;
    await start();
    await checkInstalled();
  });

  it('our Point and Print client downloads it once a printer uses it (setdriver)', async () => {
    expect((await rpcclient(port, ADMIN, `setdriver HpColor "${DRIVER}"`)).stdout).toContain(
      `Successfully set HpColor to driver ${DRIVER}.`,
    );
    const client = path.join(root, 'client');
    const r = await runCli(buildAddPrinterConnectionProgram, [
      '\\\\NTPRINT\\HpColor',
      '--address',
      `127.0.0.1:${port}`,
      '--rpc',
      'np',
      '-U',
      ALICE,
      '--client-root',
      client,
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    for (const f of FILES) {
      const got = await fs.readFile(path.join(client, 'System32', 'spool', 'drivers', 'x64', '3', f));
      expect(got.equals(contents.get(f)!)).toBe(true);
    }
  });
});
