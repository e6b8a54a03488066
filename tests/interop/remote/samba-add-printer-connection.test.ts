/**
 * AddPrinterConnection("\\127.0.0.1\HpColor") by our client (SMB2 + DCE/RPC + MS-RPRN over the
 * remote connector) against Samba's smbd set up as the print server of the example: the driver
 * installed with rpcclient adddriver/setdriver, CopyFiles\ICM written by SetPrinterDataEx.
 *
 * Samba returns the stored values only (no SourceDir/TargetDir, reference/protocol-anchors.md
 * 2.3). A client facing such a server derives them as a Windows server would
 * (\\SERVER\PRINT$\<Directory> and <Directory>) and says so in its trace; the flow then gives
 * the same ordered events as against our own server.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addPrinterConnection, type AddPrinterConnectionResult } from '../../../lib/client/add-printer-connection';
import { ClientState } from '../../../lib/client/client-state';
import type { ClientFlowEvent } from '../../../lib/client/flow-events';
import type { PrintServerConnector } from '../../../lib/client/print-server-connection';
import { createRemoteConnector } from '../../../lib/client/providers/remote-connector';
import { Win32Error } from '../../../lib/common/errors';
import { findPackageRoot } from '../../../lib/spooler/fixture';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { describeWithTools } from '../../helpers/interop-tools';
import {
  SAMBA_COPY_FILES,
  SAMBA_DRIVER,
  startSambaPrintServer,
  type SambaPrintServer,
} from '../../helpers/samba-print-server';
import { seedView } from '../../helpers/flow-views';

jest.setTimeout(120000);

const DRIVERS_STORE = path.join(findPackageRoot(), 'drivers-store');
const UNC = '\\\\127.0.0.1\\HpColor';
const DRIVER_FILES = [SAMBA_DRIVER.driver, SAMBA_DRIVER.dataFile, SAMBA_DRIVER.configFile, SAMBA_DRIVER.helpFile];

interface Run {
  readonly root: string;
  readonly events: ClientFlowEvent[];
  readonly result: AddPrinterConnectionResult;
}

/**
 * The events that do not depend on which server answers: the key walk (Samba also has DsDriver),
 * the order of the driver files in DRIVER_INFO and the synthetic paths' origin are left out.
 */
function comparableView(events: readonly ClientFlowEvent[]): string[] {
  const view = seedView(events.filter((e) => e.kind !== 'copyfiles-paths'))
    .filter((l) => !/^call EnumPrinter(Key|DataEx) /.test(l))
    .map((l) => l.replace(/Files:- (.*)\.$/, (_m, files: string) => `Files:- ${files.split(', ').sort().join(', ')}.`));
  const firstDriver = view.findIndex((l) => l.startsWith('download driver '));
  const drivers = view.filter((l) => l.startsWith('download driver ')).sort();
  return [...view.slice(0, firstDriver), ...drivers, ...view.slice(firstDriver + drivers.length)];
}

describeWithTools(['smbd', 'smbpasswd', 'rpcclient', 'python3'], 'AddPrinterConnection against Samba smbd', () => {
  let samba: SambaPrintServer;
  let ours: FixtureServer;
  const roots: string[] = [];

  beforeAll(async () => {
    samba = await startSambaPrintServer({ driversStore: DRIVERS_STORE });
    ours = await startFixtureServer();
  });
  afterAll(async () => {
    await samba?.stop();
    await ours?.close();
    for (const r of roots) await fs.rm(r, { recursive: true, force: true });
  });

  const run = async (connector: PrintServerConnector, userName: string, password: string): Promise<Run> => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-samba-client-'));
    roots.push(root);
    const events: ClientFlowEvent[] = [];
    const result = await addPrinterConnection(UNC, {
      clientRoot: root,
      connector,
      credentials: { userName, password },
      onEvent: (e) => events.push(e),
    });
    return { root, events, result };
  };
  // Samba 4.17 serves spoolss on \pipe\spoolss only: a Windows 11 client needs
  // RpcUseNamedPipeProtocol for it, and so do we (--rpc np).
  const viaSamba = (): Promise<Run> =>
    run(
      createRemoteConnector({ address: { host: '127.0.0.1', port: samba.port }, rpcTransport: 'np' }),
      samba.user,
      samba.password,
    );
  const viaOurs = (): Promise<Run> =>
    run(createRemoteConnector({ address: { host: ours.host, port: ours.port } }), 'alice', 'Passw0rd!');

  it('over TCP, as Windows 11 by default, Samba cannot be reached: 0x709 and how to choose named pipes', async () => {
    // smbd has no endpoint mapper: a port nobody listens on stands for its port 135 (whatever
    // else on this machine may hold 127.0.0.1:135 is not Samba's).
    const closed = await startFixtureServer({ epmPort: false });
    const nobody = closed.rpcPort;
    await closed.close();
    const failure = await run(
      createRemoteConnector({
        address: { host: '127.0.0.1', port: samba.port },
        rpcTransport: 'tcp',
        epmPort: nobody,
      }),
      samba.user,
      samba.password,
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Win32Error);
    expect((failure as Win32Error).win32).toBe(0x709);
    expect((failure as Win32Error).message).toMatch(/0x00000709.*--rpc np.*RpcUseNamedPipeProtocol=1/);
  });

  it('the reference server holds what the example needs: the driver and CopyFiles\\ICM without SourceDir', async () => {
    const data = await samba.rpcclient('enumdataex HpColor CopyFiles\\\\ICM');
    expect(data).toMatch(/Directory: REG_SZ: Color/);
    expect(data).toMatch(/Files: REG_MULTI_SZ: Hpclrlsr\.icm/);
    expect(data).toMatch(/Module: REG_SZ: mscms\.dll/);
    expect(data).not.toMatch(/SourceDir|TargetDir/);
    const driver = await samba.rpcclient('getdriver HpColor 3');
    expect(driver).toContain(`Driver Name: [${SAMBA_DRIVER.name}]`);
    expect(driver).toContain('\\\\127.0.0.1\\print$\\x64\\3\\UNIDRV.DLL');
  });

  it('downloads the driver into spool\\drivers\\x64\\3 and caches the printer keys Samba stores', async () => {
    const { root, events } = await viaSamba();
    const x64 = path.join(root, 'System32', 'spool', 'drivers', 'x64', '3');
    const expected = [...DRIVER_FILES, ...SAMBA_DRIVER.dependentFiles];
    expect((await fs.readdir(x64)).sort()).toEqual([...expected].sort());
    for (const f of expected) {
      expect(await fs.readFile(path.join(x64, f))).toEqual(await fs.readFile(path.join(DRIVERS_STORE, 'x64', '3', f)));
    }
    expect(events).toContainEqual(
      expect.objectContaining({
        kind: 'download',
        what: 'driver',
        source: '\\\\127.0.0.1\\PRINT$\\x64\\3\\UNIDRV.DLL',
      }),
    );
    const record = (await ClientState.load(root)).findConnection(UNC);
    expect(record?.driverName).toBe(SAMBA_DRIVER.name);
    const icm = record?.keys.find((k) => k.path === SAMBA_COPY_FILES.key);
    expect(icm?.values.map((v) => v.name).sort()).toEqual(['Directory', 'Files', 'Module']);
  });

  it('derives SourceDir/TargetDir for CopyFiles\\ICM, says so, and Hpclrlsr.icm lands in spool\\drivers\\color', async () => {
    const { root, events, result } = await viaSamba();
    // The paths a Windows server would have added, marked as the client's own derivation.
    const derived = events.findIndex(
      (e) =>
        e.kind === 'copyfiles-paths' &&
        e.key === SAMBA_COPY_FILES.key &&
        e.sourceDir === '\\\\127.0.0.1\\PRINT$\\Color' &&
        e.targetDir === 'Color' &&
        (e as { derived?: unknown }).derived === true,
    );
    expect(derived).toBeGreaterThanOrEqual(0);
    const clientCall = events.findIndex((e) => e.kind === 'GenerateCopyFilePaths' && e.side === 'client');
    expect(clientCall).toBeGreaterThan(derived);
    expect(result.warnings.filter((w) => w.includes(SAMBA_COPY_FILES.key))).toEqual([]);
    const icm = path.join(root, 'System32', 'spool', 'drivers', 'color', 'Hpclrlsr.icm');
    expect(await fs.readFile(icm)).toEqual(await fs.readFile(path.join(DRIVERS_STORE, 'color', 'Hpclrlsr.icm')));
    expect((await ClientState.load(root)).findConnection(UNC)?.copyFiles).toEqual([
      expect.objectContaining({
        keyName: SAMBA_COPY_FILES.key,
        sourceDir: '\\\\127.0.0.1\\PRINT$\\Color',
        targetDir: 'C:\\Windows\\System32\\spool\\drivers\\Color',
        files: ['Hpclrlsr.icm'],
      }),
    ]);
  });

  it('gives the same ordered events as our own server for the same name', async () => {
    const samba = await viaSamba();
    const reference = await viaOurs();
    expect(reference.events).toContainEqual(
      expect.objectContaining({
        kind: 'copyfiles-paths',
        key: 'CopyFiles\\ICM',
        sourceDir: '\\\\127.0.0.1\\PRINT$\\Color',
      }),
    );
    expect(comparableView(samba.events)).toEqual(comparableView(reference.events));
  });
});
