import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import {
  AccessMask,
  PrinterAttribute,
  PrinterControl,
  PrinterEnum,
  PrinterStatus,
} from '../../../../lib/spoolss/constants';
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

describe('printers: EnumPrinters and GetPrinter', () => {
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
    // Asked with an empty server name, Windows names its printers without one (smbtorture's enum_printers_servername).
    const bare = await t.server.enumPrinters(PrinterEnum.PRINTER_ENUM_LOCAL, '', ALICE);
    expect(bare.map((p) => [p.serverName, p.printerName])).toEqual([['', 'HpColor']]);
  });
});

describe('printers: SetPrinter', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });

  const admin = (printer = 'HpColor'): ReturnType<typeof open> =>
    open(t.server, printer, ADMIN, AccessMask.PRINTER_ALL_ACCESS);

  it('pauses and resumes the printer, with events 303 and 304', async () => {
    const h = await admin();
    await t.server.setPrinter(h, { command: PrinterControl.PRINTER_CONTROL_PAUSE });
    expect((await t.server.getPrinter(h)).status & PrinterStatus.PRINTER_STATUS_PAUSED).toBeTruthy();
    await t.server.setPrinter(h, { command: PrinterControl.PRINTER_CONTROL_RESUME });
    expect((await t.server.getPrinter(h)).status & PrinterStatus.PRINTER_STATUS_PAUSED).toBe(0);
    expect(t.server.events.recent().map((e) => [e.id, e.data.userName])).toEqual([
      [303, 'admin'],
      [304, 'admin'],
    ]);
    await expectWin32(t.server.setPrinter(h, { command: 99 }), Win32ErrorCode.ERROR_INVALID_PRINTER_COMMAND);
  });

  it('writes the fields to the printer, moves the ChangeID on and logs event 306', async () => {
    const h = await admin();
    const before = (await t.server.getPrinter(h)).changeId;
    await t.server.setPrinter(h, {
      fields: { location: 'Room 2', comment: 'new toner', priority: 7, portNames: ['LPT1:'] },
    });
    const info = await t.server.getPrinter(h);
    expect([info.location, info.comment, info.priority, info.portNames]).toEqual(['Room 2', 'new toner', 7, ['LPT1:']]);
    expect(info.changeId).toBeGreaterThan(before);
    expect(t.server.events.recent(undefined, 306)).toHaveLength(1);
  });

  it('refuses an unknown driver and a priority outside 1-99', async () => {
    const h = await admin();
    await expectWin32(
      t.server.setPrinter(h, { fields: { driverName: 'No Such Driver' } }),
      Win32ErrorCode.ERROR_UNKNOWN_PRINTER_DRIVER,
    );
    await expectWin32(t.server.setPrinter(h, { fields: { priority: 100 } }), Win32ErrorCode.ERROR_INVALID_PRIORITY);
    await t.server.setPrinter(h, { fields: { driverName: DRIVER_NAME } });
    expect((await t.server.getPrinter(h)).driverName).toBe(DRIVER_NAME);
  });

  it('PRINTER_CONTROL_SET_STATUS takes the status from the Attributes field and leaves the attributes', async () => {
    const h = await admin();
    const attributes = (await t.server.getPrinter(h)).attributes;
    await t.server.setPrinter(h, {
      command: PrinterControl.PRINTER_CONTROL_SET_STATUS,
      fields: { attributes: PrinterStatus.PRINTER_STATUS_OFFLINE },
    });
    const info = await t.server.getPrinter(h);
    expect(info.status & PrinterStatus.PRINTER_STATUS_OFFLINE).toBeTruthy();
    expect(info.attributes).toBe(attributes);
  });

  it('a closed handle is ERROR_INVALID_HANDLE; a server handle cannot GetPrinter', async () => {
    const h = await admin();
    await t.server.closePrinter(h);
    await expectWin32(t.server.setPrinter(h, { command: 0 }), Win32ErrorCode.ERROR_INVALID_HANDLE);
    const server = await t.server.openPrinter(undefined, { desiredAccess: 0 }, ALICE);
    await expectWin32(t.server.getPrinter(server), Win32ErrorCode.ERROR_INVALID_HANDLE);
  });
});

describe('printers: AddPrinter', () => {
  it("writes the printer's descriptor into its key, as GetPrinter returns it, without one asked for", async () => {
    const t = await createTestServer();
    const h = await t.server.addPrinter(
      undefined,
      { printerName: 'Annex', portNames: ['LPT1:'], driverName: DRIVER_NAME },
      { desiredAccess: AccessMask.PRINTER_ALL_ACCESS },
      ADMIN,
    );
    const stored = t.server.registry.getKey(`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\Annex`);
    const sd = stored?.getValue('Security');
    expect(sd?.type).toBe(3); // REG_BINARY
    expect((await t.server.getPrinter(h)).securityDescriptor).toEqual(sd?.value);
    // Windows' default: everyone prints, a normal user may not manage it.
    await open(t.server, 'Annex', ALICE);
    await expectWin32(
      t.server.openPrinter('Annex', { desiredAccess: AccessMask.PRINTER_ACCESS_ADMINISTER }, ALICE),
      Win32ErrorCode.ERROR_ACCESS_DENIED,
    );
  });
});
