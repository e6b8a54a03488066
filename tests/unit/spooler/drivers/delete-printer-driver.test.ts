import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { ENVIRONMENTS_KEY } from '../../../../lib/registry/registry-key';
import { AccessMask } from '../../../../lib/spoolss/constants';
import { DeleteDriverFlags } from '../../../../lib/spooler/drivers/delete-printer-driver';
import {
  ADMIN,
  ALICE,
  DRIVER_NAME,
  createTestServer,
  expectWin32,
  openPrinter,
  type TestServer,
} from '../../../helpers/test-print-server';

describe('DeletePrinterDriver(Ex)', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });
  const x64 = (): string[] =>
    t.registry.getKey(`${ENVIRONMENTS_KEY}\\Windows x64\\Drivers\\Version-3`)?.subkeyNames() ?? [];

  it("refuses a driver in use, an unknown one and a normal user, with Windows' statuses", async () => {
    await expectWin32(
      t.server.deletePrinterDriver(undefined, 'Windows x64', DRIVER_NAME, 0, 0, ADMIN),
      Win32ErrorCode.ERROR_PRINTER_DRIVER_IN_USE,
    );
    await expectWin32(
      t.server.deletePrinterDriver(undefined, 'Windows x64', 'No Such Driver', 0, 0, ADMIN),
      Win32ErrorCode.ERROR_UNKNOWN_PRINTER_DRIVER,
    );
    await expectWin32(
      t.server.deletePrinterDriver(undefined, 'Windows 95 OS/2', DRIVER_NAME, 0, 0, ADMIN),
      Win32ErrorCode.ERROR_INVALID_ENVIRONMENT,
    );
    await expectWin32(
      t.server.deletePrinterDriver(undefined, 'Windows x64', DRIVER_NAME, 0, 0, ALICE),
      Win32ErrorCode.ERROR_ACCESS_DENIED,
    );
    await expectWin32(
      t.server.deletePrinterDriver(
        undefined,
        'Windows x64',
        DRIVER_NAME,
        DeleteDriverFlags.DPD_DELETE_SPECIFIC_VERSION,
        4,
        ADMIN,
      ),
      Win32ErrorCode.ERROR_UNKNOWN_PRINTER_DRIVER,
    );
    expect(x64()).toContain(DRIVER_NAME);
  });

  it('removes the registration once no printer uses the driver', async () => {
    for (const p of (await t.server.enumPrinters(2, undefined, ADMIN)).map((i) => i.printerName)) {
      const h = await openPrinter(t.server, p, ADMIN, AccessMask.PRINTER_ALL_ACCESS);
      if ((await t.server.getPrinter(h)).driverName === DRIVER_NAME) await t.server.deletePrinter(h);
    }
    await t.server.deletePrinterDriver(
      undefined,
      'Windows x64',
      DRIVER_NAME,
      DeleteDriverFlags.DPD_DELETE_SPECIFIC_VERSION | DeleteDriverFlags.DPD_DELETE_ALL_FILES,
      3,
      ADMIN,
    );
    expect(x64()).not.toContain(DRIVER_NAME);
  });
});
