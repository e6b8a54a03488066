/**
 * AddPrinterConnection("\\NTPRINT\HpColor") through the remote provider (MS-RPRN over the real
 * spoolss pipe endpoint, in process) against the real NTPRINT fixture server: the client flow
 * runs unchanged and produces the same ordered events, server module calls included, as through
 * the in-process provider.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addPrinterConnection } from '../../../lib/client/add-printer-connection';
import { ClientState } from '../../../lib/client/client-state';
import type { ClientFlowEvent } from '../../../lib/client/flow-events';
import type { PrintServerConnector } from '../../../lib/client/print-server-connection';
import { createLocalConnector } from '../../../lib/client/providers/local-connector';
import { openRemoteConnection } from '../../../lib/client/providers/remote-connection';
import type { SpoolerTraceEvent } from '../../../lib/point-and-print/spooler-trace';
import { seedView } from '../../helpers/flow-views';
import {
  ALICE_USER,
  spoolssTransport,
  startInMemorySpooler,
  type InMemorySpooler,
} from '../../helpers/in-memory-spooler';

describe('AddPrinterConnection through the remote provider (in-process spoolss pipe)', () => {
  let spooler: InMemorySpooler;
  let events: (ClientFlowEvent | SpoolerTraceEvent)[];
  const roots: string[] = [];

  beforeAll(async () => {
    spooler = await startInMemorySpooler((e) => events.push(e));
  });
  afterAll(async () => {
    await spooler.close();
    for (const r of roots) await fs.rm(r, { recursive: true, force: true });
  });
  beforeEach(() => {
    events = [];
  });

  const local = (): PrintServerConnector =>
    createLocalConnector({
      server: spooler.server,
      driverStore: spooler.driverStore,
      users: spooler.fixture.settings.users,
    });

  /** MS-RPRN over the pipe; PRINT$ from the same drivers store the SMB2 share serves. */
  const remote =
    (initialBufferSize?: number): PrintServerConnector =>
    async (serverName, options) => {
      const files = await local()(serverName, options);
      return openRemoteConnection({
        serverName,
        spoolss: spoolssTransport(spooler, ALICE_USER, serverName),
        files: files.files,
        onClose: () => files.close(),
        ...(initialBufferSize !== undefined && { initialBufferSize }),
      });
    };

  const run = async (connector: PrintServerConnector): Promise<{ view: string[]; root: string }> => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-remote-client-'));
    roots.push(root);
    events = [];
    await addPrinterConnection('\\\\NTPRINT\\HpColor', {
      clientRoot: root,
      connector,
      credentials: { userName: 'alice', password: 'Passw0rd!' },
      onEvent: (e) => events.push(e),
    });
    return { view: seedView(events), root };
  };

  it('produces the in-process flow, event for event, and the ICM profile lands in the client root', async () => {
    const viaLocal = await run(local());
    // A first buffer big enough: one RPC per call, so the server runs its CopyFiles step once.
    const viaRemote = await run(remote(8192));
    expect(viaRemote.view).toEqual(viaLocal.view);
    // The pure size probe sends EnumPrinterDataEx twice: the server's module runs for each.
    const probing = await run(remote());
    const serverCall = viaLocal.view.findIndex((l) => l.startsWith('server: GenerateCopyFilePaths'));
    expect(probing.view).toEqual([
      ...viaLocal.view.slice(0, serverCall),
      viaLocal.view[serverCall],
      ...viaLocal.view.slice(serverCall),
    ]);
    // The seed's sequence, as the in-process flow test states it.
    expect(viaRemote.view.filter((l) => !/^(step|call|policy|event 316|download driver)/.test(l))).toEqual([
      'server: GenerateCopyFilePaths("HpColor", "Color", 1, \\\\NTPRINT\\PRINT$\\Color, "Color", COPYFILE_FLAG_SERVER_SPOOLER) = 0',
      'server returns CopyFiles\\ICM: SourceDir=\\\\NTPRINT\\PRINT$\\Color TargetDir=Color',
      'client: GenerateCopyFilePaths("\\\\NTPRINT\\HpColor", "Color", 1, \\\\NTPRINT\\PRINT$\\Color, "C:\\Windows\\System32\\spool\\drivers\\Color", COPYFILE_FLAG_CLIENT_SPOOLER) = 0',
      expect.stringMatching(
        /^download copyfiles \\\\NTPRINT\\PRINT\$\\Color\\Hpclrlsr\.icm -> C:\\Windows\\System32\\spool\\drivers\\Color\\Hpclrlsr\.icm \(\d+ bytes\)$/,
      ),
      'event -: Point and Print files Hpclrlsr.icm for printer \\\\NTPRINT\\HpColor (CopyFiles\\ICM) were downloaded to C:\\Windows\\System32\\spool\\drivers\\Color.',
      'client: SpoolerCopyFileEvent("\\\\NTPRINT\\HpColor", "CopyFiles\\ICM", COPYFILE_EVENT_FILES_CHANGED)',
      'DrvPrinterEvent("\\\\NTPRINT\\HpColor", PRINTER_EVENT_CACHE_REFRESH)',
      'DrvPrinterEvent("\\\\NTPRINT\\HpColor", PRINTER_EVENT_ADD_CONNECTION)',
      'client: SpoolerCopyFileEvent("\\\\NTPRINT\\HpColor", "CopyFiles\\ICM", COPYFILE_EVENT_ADD_PRINTER_CONNECTION)',
      'event -: The printer connection \\\\NTPRINT\\HpColor (driver HP Color LaserJet 4500 PCL) was added.',
      'state connection-recorded \\\\NTPRINT\\HpColor',
    ]);
    const icm = path.join(viaRemote.root, 'System32', 'spool', 'drivers', 'color', 'Hpclrlsr.icm');
    expect(await fs.readFile(icm)).toEqual(
      await fs.readFile(path.join(spooler.fixture.driversRoot, 'color', 'Hpclrlsr.icm')),
    );
    const state = await ClientState.load(viaRemote.root);
    expect(state.findConnection('\\\\NTPRINT\\HpColor')?.keys.map((k) => k.path)).toEqual([
      'PrinterDriverData',
      'DsSpooler',
      'CopyFiles',
      'CopyFiles\\ICM',
    ]);
    expect(spooler.server.openHandleCount).toBe(0);
  });
});
