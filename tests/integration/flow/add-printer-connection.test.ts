/**
 * The seed document's sequence ("Download queue-specific files", AddPrinterConnection("\\NTPRINT\HpColor")),
 * end to end through the in-process connector: the exact ordered calls and events on both sides.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addPrinterConnection } from '../../../lib/client/add-printer-connection';
import { ClientState } from '../../../lib/client/client-state';
import { deletePrinterConnection } from '../../../lib/client/delete-printer-connection';
import type { ClientFlowEvent } from '../../../lib/client/flow-events';
import { createLocalConnector } from '../../../lib/client/providers/local-connector';
import {
  copyFileEventName,
  CopyFileFlag,
  copyFileFlagName,
  printerEventName,
} from '../../../lib/point-and-print/constants';
import type { SpoolerTraceEvent } from '../../../lib/point-and-print/spooler-trace';
import { createTestServer, type TestServer } from '../../helpers/test-print-server';

/** One line per significant event, in the seed's vocabulary. */
function seedView(events: readonly ClientFlowEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    switch (e.kind) {
      case 'GenerateCopyFilePaths':
        out.push(
          `${e.side}: GenerateCopyFilePaths("${e.input.printerName}", "${e.input.directory}", &SplclientInfo1, ${e.input.level}, ` +
            `${e.input.sourceDir}, ${e.input.sourceDirSize}, "${e.input.targetDir}", ${e.input.targetDirSize}, ${copyFileFlagName(e.input.flags)}) = ${e.status}`,
        );
        break;
      case 'copyfiles-paths':
        out.push(`server returns ${e.key}: SourceDir=${e.sourceDir} TargetDir=${e.targetDir}`);
        break;
      case 'download':
        if (e.what === 'copyfiles') out.push(`download ${e.source} -> ${e.target}`);
        break;
      case 'eventlog':
        if (e.entry.eventId === undefined) out.push(`event logged: ${e.entry.message}`);
        break;
      case 'SpoolerCopyFileEvent':
        out.push(`${e.side}: SpoolerCopyFileEvent("${e.printerName}", "${e.key}", ${copyFileEventName(e.event)})`);
        break;
      case 'DrvPrinterEvent':
        out.push(`DrvPrinterEvent("${e.printerName}", ${printerEventName(e.event)})`);
        break;
      case 'step':
      case 'call':
      case 'transport':
      case 'policy':
      case 'state':
      case 'warning':
      case 'package':
        break;
    }
  }
  return out;
}

describe('AddPrinterConnection("\\\\NTPRINT\\HpColor"): the seed sequence', () => {
  let t: TestServer;
  let clientRoot: string;
  let events: ClientFlowEvent[];

  beforeEach(async () => {
    events = [];
    t = await createTestServer({ onTrace: (e: SpoolerTraceEvent) => events.push(e) });
    clientRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-client-'));
  });

  const connector = (): ReturnType<typeof createLocalConnector> =>
    createLocalConnector({
      server: t.server,
      driverStore: t.driverStore,
      users: [{ name: 'alice', password: 'pw', groups: ['Users'] }],
    });

  it('calls and events in the documented order, with the documented arguments on both sides', async () => {
    // The server's module calls and the client's events go to one ordered list.
    const result = await addPrinterConnection('\\\\NTPRINT\\HpColor', {
      clientRoot,
      connector: connector(),
      credentials: { userName: 'alice', password: 'pw' },
      onEvent: (e) => events.push(e),
    });
    expect(seedView(events)).toEqual([
      'server: GenerateCopyFilePaths("HpColor", "Color", &SplclientInfo1, 1, \\\\NTPRINT\\PRINT$\\Color, 260, "Color", 260, COPYFILE_FLAG_SERVER_SPOOLER) = 0',
      'server returns CopyFiles\\ICM: SourceDir=\\\\NTPRINT\\PRINT$\\Color TargetDir=Color',
      'client: GenerateCopyFilePaths("\\\\NTPRINT\\HpColor", "Color", &SplclientInfo1, 1, \\\\NTPRINT\\PRINT$\\Color, 260, "C:\\Windows\\System32\\spool\\drivers\\Color", 260, COPYFILE_FLAG_CLIENT_SPOOLER) = 0',
      'download \\\\NTPRINT\\PRINT$\\Color\\Hpclrlsr.icm -> C:\\Windows\\System32\\spool\\drivers\\Color\\Hpclrlsr.icm',
      'event logged: Point and Print files Hpclrlsr.icm for printer \\\\NTPRINT\\HpColor (CopyFiles\\ICM) were downloaded to C:\\Windows\\System32\\spool\\drivers\\Color.',
      'client: SpoolerCopyFileEvent("\\\\NTPRINT\\HpColor", "CopyFiles\\ICM", COPYFILE_EVENT_FILES_CHANGED)',
      'DrvPrinterEvent("\\\\NTPRINT\\HpColor", PRINTER_EVENT_CACHE_REFRESH)',
      'DrvPrinterEvent("\\\\NTPRINT\\HpColor", PRINTER_EVENT_ADD_CONNECTION)',
      'client: SpoolerCopyFileEvent("\\\\NTPRINT\\HpColor", "CopyFiles\\ICM", COPYFILE_EVENT_ADD_PRINTER_CONNECTION)',
      // Step 9: the connection is recorded, with an event-log entry (no documented event ID).
      'event logged: The printer connection \\\\NTPRINT\\HpColor (driver HP Color LaserJet 4500 PCL 6) was added.',
    ]);
    // The steps in order, 1 to 9.
    expect(events.filter((e) => e.kind === 'step').map((e) => (e.kind === 'step' ? e.step : 0))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    // The calls the client made on the server, in order.
    expect(
      events.filter((e) => e.kind === 'call').map((e) => (e.kind === 'call' ? `${e.name} ${e.detail}` : '')),
    ).toEqual([
      'Connect \\\\NTPRINT',
      'OpenPrinterEx \\\\NTPRINT\\HpColor, PRINTER_ACCESS_USE, SPLCLIENT_INFO_1',
      'GetPrinterDriver2 Windows x64, level 8, client version 3',
      'EnumPrinterKey ""',
      'EnumPrinterDataEx "PrinterDriverData"',
      'EnumPrinterKey "PrinterDriverData"',
      'EnumPrinterDataEx "DsSpooler"',
      'EnumPrinterKey "DsSpooler"',
      'EnumPrinterDataEx "CopyFiles"',
      'EnumPrinterKey "CopyFiles"',
      'EnumPrinterDataEx "CopyFiles\\ICM"',
      'EnumPrinterKey "CopyFiles\\ICM"',
      'ClosePrinter \\\\NTPRINT\\HpColor',
    ]);
    // The server's SPLCLIENT_INFO_1 reached the module without machine and user names.
    const serverCall = events.find((e) => e.kind === 'GenerateCopyFilePaths' && e.side === 'server');
    expect(serverCall?.kind === 'GenerateCopyFilePaths' && serverCall.input.clientInfo).toEqual({
      size: 28,
      buildNum: 26100,
      majorVersion: 10,
      minorVersion: 0,
      processorArchitecture: 9,
    });
    expect(serverCall?.kind === 'GenerateCopyFilePaths' && serverCall.input.flags).toBe(
      CopyFileFlag.COPYFILE_FLAG_SERVER_SPOOLER,
    );

    // Files on disk: Windows' color folder (existing, lower case) serves "Color"; the driver in x64/3.
    const icm = path.join(clientRoot, 'System32', 'spool', 'drivers', 'color', 'Hpclrlsr.icm');
    expect(await fs.readFile(icm, 'utf8')).toBe('ICC profile bytes');
    expect(
      await fs.readFile(path.join(clientRoot, 'System32', 'spool', 'drivers', 'x64', '3', 'unidrv.dll'), 'utf8'),
    ).toBe('contents of unidrv.dll');
    expect(result.warnings).toEqual([]);

    // State: the connection, its cached keys (with the synthetic values), the driver, the event log.
    const state = await ClientState.load(clientRoot);
    const record = state.findConnection('\\\\ntprint\\hpcolor');
    expect(record?.keys.map((k) => k.path)).toEqual(['PrinterDriverData', 'DsSpooler', 'CopyFiles', 'CopyFiles\\ICM']);
    expect(record?.keys[3]?.values.map((v) => v.name)).toEqual([
      'Directory',
      'Files',
      'Module',
      'SourceDir',
      'TargetDir',
    ]);
    expect(record?.copyFiles).toEqual([
      {
        keyName: 'CopyFiles\\ICM',
        module: 'mscms.dll',
        sourceDir: '\\\\NTPRINT\\PRINT$\\Color',
        targetDir: 'C:\\Windows\\System32\\spool\\drivers\\Color',
        files: ['Hpclrlsr.icm'],
      },
    ]);
    expect(state.data.eventLog.map((e) => e.eventId)).toEqual([316, undefined]);
    expect(t.server.openHandleCount).toBe(0);
  });

  it('DeletePrinterConnection sends the DELETE events and forgets the connection', async () => {
    await addPrinterConnection('//NTPRINT/HpColor', {
      clientRoot,
      connector: connector(),
      credentials: { userName: 'alice', password: 'pw' },
    });
    const deleted = await deletePrinterConnection('\\\\NTPRINT\\HpColor', { clientRoot });
    expect(seedView(deleted)).toEqual([
      'client: SpoolerCopyFileEvent("\\\\NTPRINT\\HpColor", "CopyFiles\\ICM", COPYFILE_EVENT_DELETE_PRINTER_CONNECTION)',
      'DrvPrinterEvent("\\\\NTPRINT\\HpColor", PRINTER_EVENT_DELETE_CONNECTION)',
      'DrvPrinterEvent("\\\\NTPRINT\\HpColor", PRINTER_EVENT_CACHE_DELETE)',
    ]);
    expect((await ClientState.load(clientRoot)).data.connections).toEqual([]);
    await expect(deletePrinterConnection('\\\\NTPRINT\\HpColor', { clientRoot })).rejects.toThrow(
      /no printer connection/,
    );
  });
});
