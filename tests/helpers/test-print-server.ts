/**
 * A small print server for the spooler and client unit tests, built in code (independent of the
 * NTPRINT fixture files): HpColor with CopyFiles\ICM (Color, Hpclrlsr.icm, mscms.dll), a second
 * printer with a key using a recording module, a driver for Windows x64 version 3, and a PRINT$
 * tree in a temporary directory.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSilentLogger } from '../../lib/common/logger';
import { DriverStore } from '../../lib/drivers/driver-store';
import type { CopyFileEvent } from '../../lib/point-and-print/constants';
import type { GenerateCopyFilePathsInput, PointAndPrintModule } from '../../lib/point-and-print/module';
import { ModuleRegistry } from '../../lib/point-and-print/module-registry';
import { regDword, regMultiSz, regSz } from '../../lib/common/reg-value';
import { ENVIRONMENTS_KEY, PRINT_KEY, PRINTERS_KEY, Registry } from '../../lib/registry/registry-key';
import { PrintServer } from '../../lib/spooler/print-server';
import type { SpoolerTraceEvent, SpoolerTraceListener } from '../../lib/point-and-print/spooler-trace';
import { Win32Error } from '../../lib/common/errors';
import { AccessMask } from '../../lib/spoolss/constants';
import type { CallerContext, PrinterHandle } from '../../lib/spoolss/types';

export const ADMIN: CallerContext = {
  userName: 'admin',
  groups: ['Administrators'],
  isAdministrator: true,
  remote: true,
};
export const ALICE: CallerContext = { userName: 'alice', groups: ['Users'], isAdministrator: false, remote: true };
export const BOB: CallerContext = { userName: 'bob', groups: ['Users'], isAdministrator: false, remote: true };
export const LOCAL_SYSTEM: CallerContext = {
  userName: 'SYSTEM',
  groups: ['Administrators'],
  isAdministrator: true,
  remote: false,
};

export const DRIVER_NAME = 'HP Color LaserJet 4500 PCL 6';

export function buildRegistry(): Registry {
  const r = new Registry();
  const hp = r.createKey(`${PRINTERS_KEY}\\HpColor`);
  hp.setValue(regSz('Name', 'HpColor'));
  hp.setValue(regSz('Share Name', 'HpColor'));
  hp.setValue(regSz('Port', 'IP_10.0.0.5'));
  hp.setValue(regSz('Printer Driver', DRIVER_NAME));
  hp.setValue(regSz('Description', 'Colour laser, 2nd floor'));
  hp.setValue(regSz('Location', 'Building A'));
  hp.setValue(regDword('Attributes', 0x48));
  hp.setValue(regDword('Priority', 1));
  hp.createKey('PrinterDriverData').setValue(regDword('FreeMem', 4096));
  hp.createKey('DsSpooler').setValue(regSz('printerName', 'HpColor'));
  const icm = hp.createKey('CopyFiles\\ICM');
  icm.setValue(regSz('Directory', 'Color'));
  icm.setValue(regMultiSz('Files', ['Hpclrlsr.icm']));
  icm.setValue(regSz('Module', 'mscms.dll'));

  const lab = r.createKey(`${PRINTERS_KEY}\\LabPrinter`);
  lab.setValue(regSz('Name', 'LabPrinter'));
  lab.setValue(regSz('Share Name', 'lab'));
  lab.setValue(regSz('Port', 'LPT1:'));
  lab.setValue(regSz('Printer Driver', DRIVER_NAME));
  lab.setValue(regDword('Attributes', 0x48));
  const fonts = lab.createKey('CopyFiles\\Fonts');
  fonts.setValue(regSz('Directory', 'Fonts'));
  fonts.setValue(regMultiSz('Files', ['lab.ttf']));
  fonts.setValue(regSz('Module', 'recorder.dll'));

  const drv = r.createKey(`${ENVIRONMENTS_KEY}\\Windows x64\\Drivers\\Version-3\\${DRIVER_NAME}`);
  drv.setValue(regSz('Driver', 'unidrv.dll'));
  drv.setValue(regSz('Data File', 'hpc4500.gpd'));
  drv.setValue(regSz('Configuration File', 'unidrvui.dll'));
  drv.setValue(regSz('Help File', 'unidrv.hlp'));
  drv.setValue(regMultiSz('Dependent Files', ['unires.dll', 'stdnames.gpd', 'unidrv.dll']));
  drv.setValue(regSz('Datatype', 'RAW'));
  drv.setValue(regDword('Version', 3));
  drv.setValue(regSz('Manufacturer', 'HP'));
  r.createKey(`${ENVIRONMENTS_KEY}\\Windows NT x86\\Drivers\\Version-3`);
  r.createKey(`${PRINT_KEY}\\Monitors\\Standard TCP/IP Port\\Ports\\IP_10.0.0.5`);
  r.createKey(`${PRINT_KEY}\\Monitors\\Local Port`).setValue(regSz('Driver', 'localspl.dll'));
  r.createKey('HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Ports').setValue(
    regSz('LPT1:', ''),
  );
  return r;
}

export async function buildDriversRoot(): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-drivers-'));
  await fs.mkdir(path.join(root, 'color'), { recursive: true });
  await fs.writeFile(path.join(root, 'color', 'Hpclrlsr.icm'), Buffer.from('ICC profile bytes'));
  await fs.mkdir(path.join(root, 'Fonts'), { recursive: true });
  await fs.writeFile(path.join(root, 'Fonts', 'lab.ttf'), Buffer.from('font'));
  const v3 = path.join(root, 'x64', '3');
  await fs.mkdir(v3, { recursive: true });
  for (const f of ['unidrv.dll', 'hpc4500.gpd', 'unidrvui.dll', 'unidrv.hlp', 'unires.dll', 'stdnames.gpd']) {
    await fs.writeFile(path.join(v3, f), Buffer.from(`contents of ${f}`));
  }
  return root;
}

export interface RecordedCall {
  readonly fn: 'GenerateCopyFilePaths' | 'SpoolerCopyFileEvent';
  readonly input?: GenerateCopyFilePathsInput;
  readonly printerName?: string;
  readonly key?: string;
  readonly event?: CopyFileEvent;
}

/** A module that records its calls and leaves paths unchanged (or applies `rewrite`). */
export function recordingModule(
  name: string,
  calls: RecordedCall[],
  rewrite?: (input: GenerateCopyFilePathsInput) => { sourceDir: string; targetDir: string },
): PointAndPrintModule {
  return {
    name,
    generateCopyFilePaths(input) {
      calls.push({ fn: 'GenerateCopyFilePaths', input });
      const out = rewrite?.(input) ?? { sourceDir: input.sourceDir, targetDir: input.targetDir };
      return { status: 0, ...out };
    },
    spoolerCopyFileEvent(printerName, key, event) {
      calls.push({ fn: 'SpoolerCopyFileEvent', printerName, key, event });
      return true;
    },
  };
}

export interface TestServer {
  readonly server: PrintServer;
  readonly registry: Registry;
  readonly driverStore: DriverStore;
  readonly driversRoot: string;
  readonly calls: RecordedCall[];
  readonly trace: SpoolerTraceEvent[];
}

export interface TestServerOptions {
  readonly stateDir?: string;
  readonly modules?: ModuleRegistry;
  readonly onTrace?: SpoolerTraceListener;
  /** Open the drivers store writable, as a state folder's (uploads and AddPrinterDriverEx moves). */
  readonly writableStore?: boolean;
  /** Serve this drivers store instead of a fresh one (a restart over the same files). */
  readonly driversRoot?: string;
}

export async function createTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const onTrace: SpoolerTraceListener = options.onTrace ?? (() => undefined);
  const registry = buildRegistry();
  const driversRoot = options.driversRoot ?? (await buildDriversRoot());
  const driverStore = await DriverStore.open(driversRoot, { writable: options.writableStore === true });
  const calls: RecordedCall[] = [];
  const modules = options.modules ?? ModuleRegistry.withBuiltins();
  if (!options.modules) modules.register(recordingModule('recorder.dll', calls));
  const trace: SpoolerTraceEvent[] = [];
  const server = await PrintServer.create({
    registry,
    driverStore,
    settings: { serverName: 'NTPRINT' },
    modules,
    ...(options.stateDir !== undefined && { stateDir: options.stateDir }),
    logger: createSilentLogger(),
    trace: (e: SpoolerTraceEvent) => {
      trace.push(e);
      onTrace(e);
    },
  });
  return { server, registry, driverStore, driversRoot, calls, trace };
}

/** The SPLCLIENT_INFO_1 of a Windows 11 x64 client. */
export const CLIENT_INFO = {
  size: 28,
  machineName: 'MYCLIENT',
  userName: 'alice',
  buildNum: 26100,
  majorVersion: 3,
  minorVersion: 0,
  processorArchitecture: 9,
};

/** OpenPrinterEx as a Windows client does it (SPLCLIENT_INFO_1), for PRINTER_ACCESS_USE by default. */
export function openPrinter(
  server: PrintServer,
  name: string,
  caller: CallerContext,
  access: number = AccessMask.PRINTER_ACCESS_USE,
): Promise<PrinterHandle> {
  return server.openPrinter(name, { desiredAccess: access, clientInfo: CLIENT_INFO }, caller);
}

/** The call fails with a Win32Error of this code. */
export async function expectWin32(p: Promise<unknown>, code: number): Promise<void> {
  await expect(p).rejects.toBeInstanceOf(Win32Error);
  await p.catch((e: unknown) => expect((e as Win32Error).win32).toBe(code));
}
