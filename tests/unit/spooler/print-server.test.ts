import { Win32ErrorCode } from '../../../lib/common/status/win32-error';
import { PrinterAttribute, PrinterEnum } from '../../../lib/spoolss/constants';
import {
  ALICE,
  createTestServer,
  DRIVER_NAME,
  expectWin32,
  LOCAL_SYSTEM,
  openPrinter as open,
  type TestServer,
} from './test-print-server';

describe('PrintServer: printers and drivers', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });

  it('GetPrinter names the printer with the server as the caller wrote it', async () => {
    const info = await t.server.getPrinter(await open(t.server, '\\\\ntprint.corp.example\\HpColor', ALICE));
    expect(info.printerName).toBe('\\\\ntprint.corp.example\\HpColor');
    expect(info.serverName).toBe('\\\\ntprint.corp.example');
    expect(info.shareName).toBe('HpColor');
    expect(info.portNames).toEqual(['IP_10.0.0.5']);
    expect(info.driverName).toBe(DRIVER_NAME);
    expect(info.comment).toBe('Colour laser, 2nd floor');
    expect(info.attributes & PrinterAttribute.PRINTER_ATTRIBUTE_SHARED).toBeTruthy();
  });

  it('EnumPrinters lists local printers; a local caller gets bare names', async () => {
    const remote = await t.server.enumPrinters(PrinterEnum.PRINTER_ENUM_LOCAL, '\\\\NTPRINT', ALICE);
    expect(remote.map((p) => p.printerName)).toEqual(['\\\\NTPRINT\\HpColor', '\\\\NTPRINT\\LabPrinter']);
    const local = await t.server.enumPrinters(PrinterEnum.PRINTER_ENUM_LOCAL, undefined, LOCAL_SYSTEM);
    expect(local.map((p) => p.printerName)).toEqual(['HpColor', 'LabPrinter']);
    await expectWin32(
      t.server.enumPrinters(PrinterEnum.PRINTER_ENUM_NAME, '\\\\ELSEWHERE', ALICE),
      Win32ErrorCode.ERROR_INVALID_NAME,
    );
  });

  it('EnumPrinters leaves out printers the caller may not use', async () => {
    t.server.setPrinterAcl('LabPrinter', [{ type: 'deny', trustee: 'Users', permissions: ['Print'] }]);
    const list = await t.server.enumPrinters(PrinterEnum.PRINTER_ENUM_LOCAL, undefined, ALICE);
    expect(list.map((p) => p.printerName)).toEqual(['\\\\NTPRINT\\HpColor']);
  });
});
