import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { regSz } from '../../../../lib/common/reg-value';
import { ENVIRONMENTS_KEY } from '../../../../lib/registry/registry-key';
import {
  ADMIN,
  ALICE,
  createTestServer,
  DRIVER_NAME,
  expectWin32,
  LOCAL_SYSTEM,
  openPrinter as open,
  type TestServer,
} from '../../../helpers/test-print-server';

describe('drivers', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });

  it('GetPrinterDriver2 returns the file list with \\\\SERVER\\print$ paths and files relative to PRINT$', async () => {
    const h = await open(t.server, '\\\\NTPRINT\\HpColor', ALICE);
    const { driver, serverMaxVersion } = await t.server.getPrinterDriver(h, 'Windows x64', 3);
    expect(serverMaxVersion).toBe(3);
    expect(driver.name).toBe(DRIVER_NAME);
    expect(driver.version).toBe(3);
    expect(driver.driverPath).toBe('\\\\NTPRINT\\print$\\x64\\3\\unidrv.dll');
    expect(driver.dependentFiles).toEqual([
      '\\\\NTPRINT\\print$\\x64\\3\\unires.dll',
      '\\\\NTPRINT\\print$\\x64\\3\\stdnames.gpd',
      '\\\\NTPRINT\\print$\\x64\\3\\unidrv.dll',
    ]);
    expect(driver.files.map((f) => f.path)).toEqual([
      'x64\\3\\unidrv.dll',
      'x64\\3\\unidrvui.dll',
      'x64\\3\\hpc4500.gpd',
      'x64\\3\\unidrv.hlp',
      'x64\\3\\unires.dll',
      'x64\\3\\stdnames.gpd',
    ]);
    expect(driver.files.map((f) => f.fileType)).toEqual([0, 1, 2, 3, 4, 4]);
  });

  it('GetPrinterDriver2 errors: unknown environment, no driver for the environment', async () => {
    const h = await open(t.server, 'HpColor', ALICE);
    await expectWin32(t.server.getPrinterDriver(h, 'Windows 3.1', 3), Win32ErrorCode.ERROR_INVALID_ENVIRONMENT);
    await expectWin32(t.server.getPrinterDriver(h, 'Windows NT x86', 3), Win32ErrorCode.ERROR_UNKNOWN_PRINTER_DRIVER);
  });

  it('GetPrinterDriverDirectory: share path for remote callers, local path otherwise', async () => {
    expect(await t.server.getPrinterDriverDirectory('\\\\NTPRINT', 'Windows x64', ALICE)).toBe(
      '\\\\NTPRINT\\print$\\x64',
    );
    expect(await t.server.getPrinterDriverDirectory(undefined, 'Windows NT x86', LOCAL_SYSTEM)).toBe(
      'C:\\Windows\\System32\\spool\\DRIVERS\\W32X86',
    );
  });

  it('AddPrinterDriver needs an administrator and the files in PRINT$', async () => {
    const h = await open(t.server, 'HpColor', ALICE);
    const { driver } = await t.server.getPrinterDriver(h, 'Windows x64', 3);
    const copy = { ...driver, name: 'Copy Driver' };
    await expectWin32(t.server.addPrinterDriver(undefined, copy, 0, ALICE), Win32ErrorCode.ERROR_ACCESS_DENIED);
    await t.server.addPrinterDriver(undefined, copy, 0, ADMIN);
    const names = (await t.server.enumPrinterDrivers(undefined, 'Windows x64', ALICE)).map((d) => d.name);
    expect(names).toContain('Copy Driver');
    await expectWin32(
      t.server.addPrinterDriver(undefined, { ...copy, name: 'Missing', driverPath: 'nothere.dll' }, 0, ADMIN),
      Win32ErrorCode.ERROR_FILE_NOT_FOUND,
    );
  });

  it('EnumPrinterDrivers: one environment or all of them; an unknown one is ERROR_INVALID_ENVIRONMENT', async () => {
    const x64 = await t.server.enumPrinterDrivers(undefined, 'windows x64', ALICE);
    expect(x64.map((d) => [d.name, d.environment, d.version])).toEqual([[DRIVER_NAME, 'Windows x64', 3]]);
    expect((await t.server.enumPrinterDrivers('\\\\NTPRINT', 'all', ALICE)).map((d) => d.name)).toEqual([DRIVER_NAME]);
    expect(await t.server.enumPrinterDrivers(undefined, 'Windows NT x86', ALICE)).toEqual([]);
    await expectWin32(
      t.server.enumPrinterDrivers(undefined, 'Windows 3.1', ALICE),
      Win32ErrorCode.ERROR_INVALID_ENVIRONMENT,
    );
    await expectWin32(t.server.enumPrinterDrivers('\\\\OTHER', 'all', ALICE), Win32ErrorCode.ERROR_INVALID_NAME);
  });

  it('EnumPrintProcessors: winprint always, then those the environment lists', async () => {
    t.registry
      .createKey(`${ENVIRONMENTS_KEY}\\Windows x64\\Print Processors\\hpcpp`)
      .setValue(regSz('Driver', 'hpcpp.dll'));
    expect((await t.server.enumPrintProcessors(undefined, 'Windows x64', ALICE)).map((p) => p.name)).toEqual([
      'winprint',
      'hpcpp',
    ]);
    await expectWin32(
      t.server.enumPrintProcessors(undefined, 'Itanium', ALICE),
      Win32ErrorCode.ERROR_INVALID_ENVIRONMENT,
    );
  });
});
