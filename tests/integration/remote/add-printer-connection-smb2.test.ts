/**
 * AddPrinterConnection through the remote connector over real sockets: our SMB2 client
 * (NEGOTIATE, NTLM SESSION_SETUP, IPC$ + \pipe\spoolss, PRINT$ reads) and our DCE/RPC + MS-RPRN
 * client against the NTPRINT fixture server on 127.0.0.1, port 0. The client's events must be
 * the ones the in-process provider produces for the same name.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addPrinterConnection } from '../../../lib/client/add-printer-connection';
import { ClientState } from '../../../lib/client/client-state';
import type { ClientFlowEvent } from '../../../lib/client/flow-events';
import type { PrintServerConnector } from '../../../lib/client/print-server-connection';
import { createLocalConnector } from '../../../lib/client/providers/local-connector';
import { createRemoteConnector } from '../../../lib/client/providers/remote-connector';
import { AuthenticationError, Win32Error } from '../../../lib/common/errors';
import { Win32ErrorCode } from '../../../lib/common/status/win32-error';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { seedView } from '../../helpers/flow-views';
import { startInMemorySpooler, type InMemorySpooler } from '../../helpers/in-memory-spooler';

const CREDENTIALS = { userName: 'alice', password: 'Passw0rd!' };

describe('AddPrinterConnection over SMB2 through the remote connector', () => {
  let server: FixtureServer;
  let spooler: InMemorySpooler;
  const roots: string[] = [];

  beforeAll(async () => {
    server = await startFixtureServer();
    spooler = await startInMemorySpooler();
  });
  afterAll(async () => {
    await server.close();
    await spooler.close();
    for (const r of roots) await fs.rm(r, { recursive: true, force: true });
  });

  const remote = (): PrintServerConnector =>
    createRemoteConnector({ address: { host: server.host, port: server.port } });

  const run = async (unc: string, connector: PrintServerConnector): Promise<{ view: string[]; root: string }> => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-smb2-client-'));
    roots.push(root);
    const events: ClientFlowEvent[] = [];
    await addPrinterConnection(unc, {
      clientRoot: root,
      connector,
      credentials: CREDENTIALS,
      onEvent: (e) => events.push(e),
    });
    return { view: seedView(events), root };
  };

  it('runs the flow unchanged: same events as in process, the driver and Hpclrlsr.icm on disk', async () => {
    // A UNC name that is the address itself: the server then names itself 127.0.0.1.
    const unc = server.unc('HpColor');
    const viaSmb2 = await run(unc, remote());
    const viaLocal = await run(
      unc,
      createLocalConnector({
        server: spooler.server,
        driverStore: spooler.driverStore,
        users: spooler.fixture.settings.users,
      }),
    );
    expect(viaSmb2.view).toEqual(viaLocal.view);
    expect(viaSmb2.view).toContain(
      'server returns CopyFiles\\ICM: SourceDir=\\\\127.0.0.1\\PRINT$\\Color TargetDir=Color',
    );
    expect(viaSmb2.view).toContain(
      'client: SpoolerCopyFileEvent("\\\\127.0.0.1\\HpColor", "CopyFiles\\ICM", COPYFILE_EVENT_ADD_PRINTER_CONNECTION)',
    );

    const drivers = path.join(viaSmb2.root, 'System32', 'spool', 'drivers');
    expect(await fs.readFile(path.join(drivers, 'color', 'Hpclrlsr.icm'))).toEqual(
      await fs.readFile(path.join(spooler.fixture.driversRoot, 'color', 'Hpclrlsr.icm')),
    );
    const x64 = await fs.readdir(path.join(drivers, 'x64', '3'));
    expect(x64.map((f) => f.toUpperCase()).sort()).toEqual(
      ['HPC4500.GPD', 'STDDTYPE.GDL', 'STDNAMES.GPD', 'UNIDRV.DLL', 'UNIDRV.HLP', 'UNIDRVUI.DLL', 'UNIRES.DLL'].sort(),
    );
    const record = (await ClientState.load(viaSmb2.root)).findConnection(unc);
    expect(record?.copyFiles.map((c) => c.files)).toEqual([['Hpclrlsr.icm']]);
    expect(server.printServerHost.printServer.openHandleCount).toBe(0);
  });

  it('keeps the name the user wrote (\\\\NTPRINT\\HpColor) when it is mapped to an address', async () => {
    const unc = '\\\\NTPRINT\\HpColor';
    const viaSmb2 = await run(unc, remote());
    const viaLocal = await run(
      unc,
      createLocalConnector({
        server: spooler.server,
        driverStore: spooler.driverStore,
        users: spooler.fixture.settings.users,
      }),
    );
    expect(viaSmb2.view).toEqual(viaLocal.view);
    // The seed's values: the server names itself as the client named it, not by the dialled address.
    expect(viaSmb2.view).toContain(
      'server returns CopyFiles\\ICM: SourceDir=\\\\NTPRINT\\PRINT$\\Color TargetDir=Color',
    );
    const icm = path.join(viaSmb2.root, 'System32', 'spool', 'drivers', 'color', 'Hpclrlsr.icm');
    expect((await fs.stat(icm)).size).toBeGreaterThan(128);
  });

  it('reports a wrong password, an unknown printer and a missing PRINT$ file as the client would see them', async () => {
    const connect = remote();
    await expect(
      connect('127.0.0.1', { credentials: { userName: 'alice', password: 'wrong' } }),
    ).rejects.toBeInstanceOf(AuthenticationError);

    const connection = await connect('127.0.0.1', { credentials: CREDENTIALS, clientMachineName: 'MYCLIENT' });
    try {
      await expect(
        connection.provider.openPrinter(
          '\\\\127.0.0.1\\NoSuchPrinter',
          { desiredAccess: 8 },
          {
            userName: 'alice',
            groups: [],
            isAdministrator: false,
            remote: true,
          },
        ),
      ).rejects.toMatchObject({ win32: Win32ErrorCode.ERROR_INVALID_PRINTER_NAME });
      const missing: unknown = await connection.files
        .openRead('\\\\127.0.0.1\\PRINT$\\Color\\NoSuch.icm')
        .catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(Win32Error);
      expect((missing as Win32Error).win32).toBe(Win32ErrorCode.ERROR_FILE_NOT_FOUND);
      await expect(connection.files.openRead('\\\\OTHER\\PRINT$\\Color\\Hpclrlsr.icm')).rejects.toMatchObject({
        win32: Win32ErrorCode.ERROR_BAD_NETPATH,
      });
      const { size, stream } = await connection.files.openRead('\\\\127.0.0.1\\print$\\COLOR\\hpclrlsr.ICM');
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
      expect(Buffer.concat(chunks).length).toBe(size);
    } finally {
      await connection.close();
    }
  });
});
