import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { CopyFileEvent, CopyFileFlag, MAX_PATH } from '../../../../lib/point-and-print/constants';
import { RegType, regDword, regSz } from '../../../../lib/common/reg-value';
import { PRINT_KEY } from '../../../../lib/registry/registry-key';
import { AccessMask } from '../../../../lib/spoolss/constants';
import {
  ADMIN,
  ALICE,
  createTestServer,
  expectWin32,
  LOCAL_SYSTEM,
  openPrinter as open,
  type TestServer,
} from '../../../helpers/test-print-server';

describe('printer data and keys (EnumPrinterKey / EnumPrinterDataEx / Get / Set / Delete)', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });

  it('EnumPrinterKey lists direct subkeys; unknown key is ERROR_FILE_NOT_FOUND', async () => {
    const h = await open(t.server, '\\\\NTPRINT\\HpColor', ALICE);
    expect(await t.server.enumPrinterKey(h, '')).toEqual(['PrinterDriverData', 'DsSpooler', 'CopyFiles']);
    expect(await t.server.enumPrinterKey(h, 'CopyFiles')).toEqual(['ICM']);
    expect(await t.server.enumPrinterKey(h, 'copyfiles\\icm')).toEqual([]);
    await expectWin32(t.server.enumPrinterKey(h, 'Nope'), Win32ErrorCode.ERROR_FILE_NOT_FOUND);
  });

  it('the server CopyFiles step: GenerateCopyFilePaths(server flag) and SourceDir/TargetDir appended, not stored', async () => {
    const h = await open(t.server, '\\\\NTPRINT\\HpColor', ALICE);
    const values = await t.server.enumPrinterDataEx(h, 'CopyFiles\\ICM');
    expect(values.map((v) => v.name)).toEqual(['Directory', 'Files', 'Module', 'SourceDir', 'TargetDir']);
    expect(values[3]).toEqual({ name: 'SourceDir', type: RegType.REG_SZ, value: '\\\\NTPRINT\\PRINT$\\Color' });
    expect(values[4]).toEqual({ name: 'TargetDir', type: RegType.REG_SZ, value: 'Color' });
    expect(
      t.registry
        .getKey('HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\HpColor\\CopyFiles\\ICM')
        ?.getValue('SourceDir'),
    ).toBeUndefined();
    expect(t.trace).toHaveLength(1);
    const call = t.trace[0];
    expect(call?.kind).toBe('GenerateCopyFilePaths');
    if (call?.kind !== 'GenerateCopyFilePaths') return;
    expect(call.side).toBe('server');
    expect(call.module).toBe('mscms.dll');
    expect(call.input).toEqual({
      printerName: 'HpColor',
      directory: 'Color',
      clientInfo: { size: 28, buildNum: 26100, majorVersion: 3, minorVersion: 0, processorArchitecture: 9 },
      level: 1,
      sourceDir: '\\\\NTPRINT\\PRINT$\\Color',
      sourceDirSize: MAX_PATH,
      targetDir: 'Color',
      targetDirSize: MAX_PATH,
      flags: CopyFileFlag.COPYFILE_FLAG_SERVER_SPOOLER,
    });
  });

  it('SourceDir carries the server name as the client wrote it; the module may rewrite it', async () => {
    const h = await open(t.server, '\\\\10.1.2.3\\lab', ALICE);
    const values = await t.server.enumPrinterDataEx(h, 'CopyFiles\\Fonts');
    expect(values.find((v) => v.name === 'SourceDir')?.value).toBe('\\\\10.1.2.3\\PRINT$\\Fonts');
    expect(t.calls[0]?.fn).toBe('GenerateCopyFilePaths');
    expect(t.calls[0]?.input?.printerName).toBe('LabPrinter');
  });

  it('a local caller gets the stored values only', async () => {
    const h = await open(t.server, 'HpColor', LOCAL_SYSTEM);
    const values = await t.server.enumPrinterDataEx(h, 'CopyFiles\\ICM');
    expect(values.map((v) => v.name)).toEqual(['Directory', 'Files', 'Module']);
    expect(t.trace).toHaveLength(0);
  });

  it('a module the server does not have fails that key with ERROR_MOD_NOT_FOUND', async () => {
    t.registry
      .getKey('HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\HpColor\\CopyFiles\\ICM')
      ?.setValue(regSz('Module', 'evil.dll'));
    const h = await open(t.server, 'HpColor', ALICE);
    await expectWin32(t.server.enumPrinterDataEx(h, 'CopyFiles\\ICM'), Win32ErrorCode.ERROR_MOD_NOT_FOUND);
  });

  it('EnumPrinterDataEx("") is ERROR_INVALID_PARAMETER; unknown key ERROR_FILE_NOT_FOUND', async () => {
    const h = await open(t.server, 'HpColor', ALICE);
    await expectWin32(t.server.enumPrinterDataEx(h, ''), Win32ErrorCode.ERROR_INVALID_PARAMETER);
    await expectWin32(t.server.enumPrinterDataEx(h, 'Nope'), Win32ErrorCode.ERROR_FILE_NOT_FOUND);
  });

  it('GetPrinterDataEx reads a value; a missing one is ERROR_FILE_NOT_FOUND', async () => {
    const h = await open(t.server, 'HpColor', ALICE);
    expect((await t.server.getPrinterDataEx(h, 'PrinterDriverData', 'freemem')).value).toBe(4096);
    await expectWin32(t.server.getPrinterDataEx(h, 'PrinterDriverData', 'Nope'), Win32ErrorCode.ERROR_FILE_NOT_FOUND);
    const server = await t.server.openPrinter(undefined, { desiredAccess: 0 }, ALICE);
    expect((await t.server.getPrinterDataEx(server, '', 'Architecture')).value).toBe('Windows x64');
  });

  it('SetPrinterDataEx needs PRINTER_ACCESS_ADMINISTER and raises COPYFILE_EVENT_SET_PRINTER_DATAEX on CopyFiles keys', async () => {
    const user = await open(t.server, 'LabPrinter', ALICE);
    await expectWin32(
      t.server.setPrinterDataEx(user, 'CopyFiles\\Fonts', regSz('Directory', 'X')),
      Win32ErrorCode.ERROR_ACCESS_DENIED,
    );
    const admin = await open(t.server, 'LabPrinter', ADMIN, AccessMask.PRINTER_ALL_ACCESS);
    await t.server.setPrinterDataEx(admin, 'CopyFiles\\Fonts', regSz('Directory', 'Fonts2'));
    expect(t.calls).toEqual([
      {
        fn: 'SpoolerCopyFileEvent',
        printerName: 'LabPrinter',
        key: 'CopyFiles\\Fonts',
        event: CopyFileEvent.COPYFILE_EVENT_SET_PRINTER_DATAEX,
      },
    ]);
    await t.server.deletePrinterDataEx(admin, 'CopyFiles\\Fonts', 'Directory');
    expect(t.calls).toHaveLength(2);
    await expectWin32(
      t.server.deletePrinterDataEx(admin, 'CopyFiles\\Fonts', 'Directory'),
      Win32ErrorCode.ERROR_FILE_NOT_FOUND,
    );
    await t.server.setPrinterDataEx(admin, 'PrinterDriverData', regSz('Model', 'x'));
    expect(t.calls).toHaveLength(2);
    await t.server.deletePrinterKey(admin, 'CopyFiles');
    expect(await t.server.enumPrinterKey(admin, '')).not.toContain('CopyFiles');
  });
});

describe("the print server's own data (server handle)", () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });

  it('answers the computed values; a stored value of the same name replaces one', async () => {
    const server = await t.server.openPrinter('\\\\NTPRINT', { desiredAccess: 0 }, ALICE);
    expect((await t.server.getPrinterDataEx(server, '', 'MajorVersion')).value).toBe(3);
    expect(await t.server.getPrinterDataEx(server, '', 'DefaultSpoolDirectory')).toEqual({
      name: 'DefaultSpoolDirectory',
      type: RegType.REG_EXPAND_SZ,
      value: 'C:\\Windows\\system32\\spool\\PRINTERS',
    });
    expect((await t.server.getPrinterDataEx(server, '', 'dnsmachinename')).value).toBe('NTPRINT');
    t.registry.createKey(PRINT_KEY).setValue(regDword('BeepEnabled', 1));
    expect((await t.server.getPrinterDataEx(server, '', 'BeepEnabled')).value).toBe(1);
    await expectWin32(t.server.getPrinterDataEx(server, '', 'Nope'), Win32ErrorCode.ERROR_FILE_NOT_FOUND);
    await expectWin32(t.server.enumPrinterKey(server, 'Printers'), Win32ErrorCode.ERROR_FILE_NOT_FOUND);
  });

  it('SetPrinterDataEx on the server needs SERVER_ACCESS_ADMINISTER', async () => {
    const user = await t.server.openPrinter(undefined, { desiredAccess: AccessMask.SERVER_ACCESS_ENUMERATE }, ALICE);
    await expectWin32(t.server.setPrinterDataEx(user, '', regDword('NetPopup', 1)), Win32ErrorCode.ERROR_ACCESS_DENIED);
    const admin = await t.server.openPrinter(undefined, { desiredAccess: AccessMask.SERVER_ACCESS_ADMINISTER }, ADMIN);
    await t.server.setPrinterDataEx(admin, '', regDword('NetPopup', 1));
    expect((await t.server.getPrinterDataEx(user, '', 'NetPopup')).value).toBe(1);
    await t.server.deletePrinterDataEx(admin, '', 'NetPopup');
    expect((await t.server.getPrinterDataEx(user, '', 'NetPopup')).value).toBe(0);
  });
});
