/**
 * AddPrinterDriverEx installing uploaded files ([MS-RPRN] 3.1.4.4.8): files copied into
 * PRINT$\x64\ and named by bare name, by UNC path on any server's print$, or by the spooler's
 * local path are moved into x64\3\, then listed and served; missing files are
 * ERROR_FILE_NOT_FOUND with nothing moved; APD_COPY_NEW_FILES keeps a newer installed file,
 * APD_COPY_ALL_FILES replaces it; a restart keeps the driver (registry in the state folder, files
 * in the store).
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { FileCopyFlags } from '../../../../lib/spoolss/constants';
import type { DriverInfo } from '../../../../lib/spoolss/types';
import { storePathOf } from '../../../../lib/spooler/drivers/driver-files';
import {
  ADMIN,
  ALICE,
  createTestServer,
  expectWin32,
  openPrinter as open,
  type TestServer,
} from '../../../helpers/test-print-server';

const FILES = ['drv.dll', 'data.gpd', 'config.dll', 'help.hlp', 'extra1.dll', 'extra2.dll'];

/** A DRIVER_INFO_3 as rpcclient's adddriver builds it, with each file named by `name`. */
function driverNamed(driverName: string, name: (file: string) => string): DriverInfo {
  const [drv, data, config, help, ...deps] = FILES.map(name);
  return {
    version: 3,
    name: driverName,
    environment: 'Windows x64',
    driverPath: drv ?? '',
    dataFile: data ?? '',
    configFile: config ?? '',
    helpFile: help ?? '',
    dependentFiles: deps,
    monitorName: '',
    defaultDataType: 'RAW',
    previousNames: [],
    driverDate: new Date(0),
    driverVersion: 0n,
    mfgName: '',
    oemUrl: '',
    hardwareId: '',
    provider: '',
    printProcessor: '',
    vendorSetup: '',
    colorProfiles: [],
    infPath: '',
    printerDriverAttributes: 0,
    coreDriverDependencies: [],
    minInboxDriverVerDate: new Date(0),
    minInboxDriverVerVersion: 0n,
    files: [],
  };
}

describe('AddPrinterDriverEx installs uploaded driver files', () => {
  let t: TestServer;
  let state: string;
  const upload = async (dir: string, files = FILES, tag = 'v1'): Promise<void> => {
    await fs.mkdir(path.join(t.driversRoot, dir), { recursive: true });
    for (const f of files) await fs.writeFile(path.join(t.driversRoot, dir, f), `${tag} ${f}`);
  };
  const installed = (f: string): Promise<string> => fs.readFile(path.join(t.driversRoot, 'x64', '3', f), 'utf8');

  beforeEach(async () => {
    state = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-driver-files-'));
    t = await createTestServer({ writableStore: true, stateDir: state });
  });
  afterEach(async () => {
    await t.server.close();
    await fs.rm(state, { recursive: true, force: true });
    await fs.rm(t.driversRoot, { recursive: true, force: true });
  });

  it('moves bare-named uploads from x64\\ into x64\\3\\, lists and serves them, and keeps them at restart', async () => {
    await upload('x64');
    await t.server.addPrinterDriver(
      undefined,
      driverNamed('Uploaded', (f) => f),
      FileCopyFlags.APD_COPY_NEW_FILES,
      ADMIN,
    );
    for (const f of FILES) {
      expect(await installed(f)).toBe(`v1 ${f}`);
      await expect(fs.stat(path.join(t.driversRoot, 'x64', f))).rejects.toThrow();
    }
    const listed = (await t.server.enumPrinterDrivers(undefined, 'Windows x64', ALICE)).find(
      (d) => d.name === 'Uploaded',
    );
    expect(listed?.driverPath).toBe('\\\\NTPRINT\\print$\\x64\\3\\drv.dll');
    expect(listed?.files.map((f) => f.path)).toEqual(expect.arrayContaining(FILES.map((f) => `x64\\3\\${f}`)));

    // A restart over the same state folder and store: the registry brings the driver back.
    await t.server.whenSaved();
    await t.server.close();
    t = await createTestServer({ writableStore: true, stateDir: state, driversRoot: t.driversRoot });
    const again = await t.server.enumPrinterDrivers(undefined, 'Windows x64', ALICE);
    expect(again.find((d) => d.name === 'Uploaded')?.configFile).toBe('\\\\NTPRINT\\print$\\x64\\3\\config.dll');
  });

  it("takes full paths: another server's print$ (a migration), this one's, and the spooler's local folder", async () => {
    await upload('x64');
    await t.server.addPrinterDriver(
      undefined,
      driverNamed('Migrated', (f) => `\\\\SOURCE\\print$\\x64\\3\\${f}`),
      FileCopyFlags.APD_COPY_NEW_FILES,
      ADMIN,
    );
    expect(await installed('extra2.dll')).toBe('v1 extra2.dll');
    // Files placed elsewhere on the share are copied (they may belong to something else).
    await upload('x64/staging', FILES, 'v2');
    await t.server.addPrinterDriver(
      undefined,
      driverNamed('Staged', (f) => `\\\\ntprint\\PRINT$\\x64\\staging\\${f}`),
      FileCopyFlags.APD_COPY_ALL_FILES | FileCopyFlags.APD_COPY_FROM_DIRECTORY,
      ADMIN,
    );
    expect(await installed('drv.dll')).toBe('v2 drv.dll');
    expect(await fs.readFile(path.join(t.driversRoot, 'x64', 'staging', 'drv.dll'), 'utf8')).toBe('v2 drv.dll');
    expect(storePathOf('C:\\Windows\\System32\\spool\\drivers\\x64\\a.dll')).toBe('x64\\a.dll');
    expect(storePathOf('\\\\S\\print$\\W32X86\\3\\a.dll')).toBe('W32X86\\3\\a.dll');
    expect(storePathOf('\\\\S\\other$\\a.dll')).toBeUndefined();
  });

  it('a missing file is ERROR_FILE_NOT_FOUND and nothing moves; only administrators install', async () => {
    await upload('x64', FILES.slice(0, 5));
    await expectWin32(
      t.server.addPrinterDriver(
        undefined,
        driverNamed('Half', (f) => f),
        0,
        ADMIN,
      ),
      Win32ErrorCode.ERROR_FILE_NOT_FOUND,
    );
    expect(await fs.readFile(path.join(t.driversRoot, 'x64', 'drv.dll'), 'utf8')).toBe('v1 drv.dll');
    await expect(installed('drv.dll')).rejects.toThrow();
    await upload('x64', ['extra2.dll']);
    await expectWin32(
      t.server.addPrinterDriver(
        undefined,
        driverNamed('Half', (f) => f),
        0,
        ALICE,
      ),
      Win32ErrorCode.ERROR_ACCESS_DENIED,
    );
    expect(await fs.readFile(path.join(t.driversRoot, 'x64', 'drv.dll'), 'utf8')).toBe('v1 drv.dll');
    expect((await t.server.enumPrinterDrivers(undefined, 'Windows x64', ALICE)).map((d) => d.name)).not.toContain(
      'Half',
    );
  });

  it('APD_COPY_NEW_FILES keeps an installed file newer than the upload; APD_COPY_ALL_FILES replaces it', async () => {
    await upload('x64/3', ['drv.dll'], 'installed');
    await upload('x64');
    const old = new Date('2001-01-01T00:00:00Z');
    await fs.utimes(path.join(t.driversRoot, 'x64', 'drv.dll'), old, old);
    await t.server.addPrinterDriver(
      undefined,
      driverNamed('Newer', (f) => f),
      FileCopyFlags.APD_COPY_NEW_FILES,
      ADMIN,
    );
    expect(await installed('drv.dll')).toBe('installed drv.dll');
    expect(await installed('data.gpd')).toBe('v1 data.gpd');
    await t.server.addPrinterDriver(
      undefined,
      driverNamed('All', (f) => f),
      FileCopyFlags.APD_COPY_ALL_FILES,
      ADMIN,
    );
    expect(await installed('drv.dll')).toBe('v1 drv.dll');
  });

  it('the driver a printer uses is served from x64\\3 to Point and Print clients', async () => {
    await upload('x64');
    await t.server.addPrinterDriver(
      undefined,
      driverNamed('HP Color LaserJet 4500 PCL 6', (f) => f),
      8,
      ADMIN,
    );
    const h = await open(t.server, '\\\\NTPRINT\\HpColor', ALICE);
    const { driver } = await t.server.getPrinterDriver(h, 'Windows x64', 3);
    expect(driver.driverPath).toBe('\\\\NTPRINT\\print$\\x64\\3\\drv.dll');
    const entry = await t.driverStore.resolve('x64\\3\\drv.dll');
    expect(entry && (await t.driverStore.read(entry, 0, 100)).toString()).toBe('v1 drv.dll');
  });
});

describe('AddPrinterDriverEx over a read-only store (no state folder)', () => {
  it('installs only files already in x64\\3\\: an upload cannot be moved there', async () => {
    const t = await createTestServer();
    try {
      await fs.writeFile(path.join(t.driversRoot, 'x64', 'up.dll'), 'up');
      const d = { ...driverNamed('RO', () => ''), driverPath: 'up.dll' };
      await expectWin32(t.server.addPrinterDriver(undefined, d, 0, ADMIN), Win32ErrorCode.ERROR_FILE_NOT_FOUND);
      await t.server.addPrinterDriver(undefined, { ...d, driverPath: 'unidrv.dll' }, 0, ADMIN);
      expect(await fs.readFile(path.join(t.driversRoot, 'x64', 'up.dll'), 'utf8')).toBe('up');
    } finally {
      await t.server.close();
      await fs.rm(t.driversRoot, { recursive: true, force: true });
    }
  });
});
