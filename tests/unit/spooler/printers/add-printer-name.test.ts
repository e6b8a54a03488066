/**
 * AddPrinter's pPrinterName is a PRINTER_NAME ([MS-RPRN] 2.2.4.14): `\\SERVER\Lab` names Lab,
 * whatever the server (net rpc printer migrate sends the source's); a name that still has a `\`
 * or a `,` after that is refused.
 */
import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { ADMIN, createTestServer, DRIVER_NAME, expectWin32 } from '../../../helpers/test-print-server';

describe("AddPrinter's printer name", () => {
  it("takes off a \\\\SERVER\\ prefix, even another server's", async () => {
    const t = await createTestServer();
    const h = await t.server.addPrinter(
      undefined,
      { printerName: '\\\\127.0.0.1\\Annex', portNames: ['LPT1:'], driverName: DRIVER_NAME },
      { desiredAccess: 0 },
      ADMIN,
    );
    expect(h.printerName).toBe('Annex');
    expect((await t.server.getPrinter(h)).printerName).toBe('\\\\NTPRINT\\Annex');
  });

  it.each(['\\\\SERVER\\a\\b', '\\\\SERVER\\', 'a\\b', 'a,b'])(
    'refuses %s (ERROR_INVALID_PRINTER_NAME)',
    async (name) => {
      const t = await createTestServer();
      await expectWin32(
        t.server.addPrinter(
          undefined,
          { printerName: name, portNames: ['LPT1:'], driverName: DRIVER_NAME },
          { desiredAccess: 0 },
          ADMIN,
        ),
        Win32ErrorCode.ERROR_INVALID_PRINTER_NAME,
      );
    },
  );
});
