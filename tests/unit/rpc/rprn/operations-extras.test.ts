/**
 * The issue-15 operations through createRprnInterface over the real PrintServer: a NULL
 * SPLCLIENT_INFO, the information context's buffer sizes, SetPrinter level 7 on a server without
 * a directory, and EnumPrinterDrivers("All") level 2 records read at their own level.
 */
import { createSilentLogger } from '../../../../lib/common/logger';
import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { decodeResponseStub, encodeRequestStub, type NdrMessage } from '../../../../lib/rpc/ndr/ndr-message';
import { splClientInfo1Record } from '../../../../lib/rpc/rprn/client/info-records';
import { windowsClientInfo } from '../../../../lib/rpc/rprn/client/rprn-client';
import { RPRN_MESSAGES as M } from '../../../../lib/rpc/rprn/messages';
import { RprnOpnum } from '../../../../lib/rpc/rprn/opnums';
import { createRprnInterface } from '../../../../lib/rpc/rprn/rprn-interface';
import { unpackFlat } from '../../../../lib/rpc/rprn/structures/flat-buffer';
import { DRIVER_INFO_LAYOUTS } from '../../../../lib/rpc/rprn/structures/info-layouts';
import { AccessMask } from '../../../../lib/spoolss/constants';
import { ADMIN, createTestServer, type TestServer } from '../../../helpers/test-print-server';

const CLIENT = splClientInfo1Record(windowsClientInfo());

describe('issue 15 operations on the wire', () => {
  let t: TestServer;
  let iface: ReturnType<typeof createRprnInterface>;
  const call = async <Req, Res>(name: keyof typeof RprnOpnum, message: NdrMessage<Req, Res>, req: Req): Promise<Res> =>
    decodeResponseStub(
      message,
      await iface.call(RprnOpnum[name], encodeRequestStub(message, req), {
        callId: 1,
        opnum: RprnOpnum[name],
        contextId: 0,
        caller: { ...ADMIN, domain: 'NTPRINT', isGuest: false, isAnonymous: false },
        authLevel: 1,
        transport: 'ncacn_np',
      }),
    );
  const open = async (name: string): Promise<Buffer> => {
    const res = await call('RpcOpenPrinterEx', M.RpcOpenPrinterEx, {
      printerName: name,
      accessRequired: AccessMask.PRINTER_ALL_ACCESS,
      clientInfo: { level: 1, info: CLIENT },
    });
    expect(res.status).toBe(0);
    return res.handle;
  };

  beforeEach(async () => {
    t = await createTestServer();
    iface = createRprnInterface({ provider: t.server, serverName: 'NTPRINT', logger: createSilentLogger() });
  });
  afterEach(async () => {
    await iface.close();
    await t.server.close();
  });

  it('OpenPrinterEx with a NULL SPLCLIENT_INFO: ERROR_INVALID_PARAMETER, whatever the name', async () => {
    for (const printerName of ['\\\\NTPRINT\\HpColor', '__INVALID_PRINTER__', '\\\\NTPRINT\\']) {
      const res = await call('RpcOpenPrinterEx', M.RpcOpenPrinterEx, {
        printerName,
        accessRequired: 0,
        clientInfo: { level: 1 },
      });
      expect(res).toEqual({ handle: Buffer.alloc(20), status: Win32ErrorCode.ERROR_INVALID_PARAMETER });
    }
    const named = await call('RpcOpenPrinterEx', M.RpcOpenPrinterEx, {
      printerName: '\\\\NTPRINT\\',
      accessRequired: 0,
      clientInfo: { level: 1, info: CLIENT },
    });
    expect(named.status).toBe(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME);
  });

  it('PlayGdiScriptOnPrinterIC: below 4 bytes ERROR_NOT_ENOUGH_MEMORY, then the font count', async () => {
    const h = await open('\\\\NTPRINT\\HpColor');
    const ic = await call('RpcCreatePrinterIC', M.RpcCreatePrinterIC, { hPrinter: h });
    expect(ic.status).toBe(0);
    for (const cOut of [0, 1, 2, 3]) {
      const res = await call('RpcPlayGdiScriptOnPrinterIC', M.RpcPlayGdiScriptOnPrinterIC, {
        gdiHandle: ic.gdiHandle,
        input: Buffer.alloc(0),
        cOut,
        ul: 0,
      });
      expect(res).toEqual({ output: Buffer.alloc(cOut), status: Win32ErrorCode.ERROR_NOT_ENOUGH_MEMORY });
    }
    const four = await call('RpcPlayGdiScriptOnPrinterIC', M.RpcPlayGdiScriptOnPrinterIC, {
      gdiHandle: ic.gdiHandle,
      input: Buffer.alloc(0),
      cOut: 4,
      ul: 0,
    });
    expect(four).toEqual({ output: Buffer.alloc(4), status: 0 });
    const del = await call('RpcDeletePrinterIC', M.RpcDeletePrinterIC, { gdiHandle: ic.gdiHandle });
    expect(del).toEqual({ gdiHandle: Buffer.alloc(20), status: 0 });
    // Deleted: the handle is unknown now (the runtime's context mismatch).
    await expect(call('RpcDeletePrinterIC', M.RpcDeletePrinterIC, { gdiHandle: ic.gdiHandle })).rejects.toThrow(
      'unknown GDI_HANDLE',
    );
  });

  it('SetPrinter level 7: DSPRINT_PUBLISH is ERROR_IO_PENDING, a command is ERROR_INVALID_PRINTER_COMMAND', async () => {
    const h = await open('\\\\NTPRINT\\HpColor');
    const set = (dwAction: number, command = 0) =>
      call('RpcSetPrinter', M.RpcSetPrinter, {
        hPrinter: h,
        printerContainer: { level: 7, info: { pszObjectGUID: undefined, dwAction } },
        command,
      });
    await expect(set(1)).resolves.toEqual({ status: Win32ErrorCode.ERROR_IO_PENDING });
    await expect(set(4)).resolves.toEqual({ status: 0 });
    await expect(set(1, 1)).resolves.toEqual({ status: Win32ErrorCode.ERROR_INVALID_PRINTER_COMMAND });
    await expect(set(0x80000000)).resolves.toEqual({ status: Win32ErrorCode.ERROR_INVALID_PARAMETER });
  });

  it('EnumPrinterDrivers("All") level 2: every record read at level 2 has cVersion 3 and its environment', async () => {
    const ask = (cbBuf: number) =>
      call('RpcEnumPrinterDrivers', M.RpcEnumPrinterDrivers, {
        name: '\\\\NTPRINT',
        environment: 'All',
        level: 2,
        buffer: { buffer: cbBuf === 0 ? undefined : Buffer.alloc(cbBuf), cbBuf },
      });
    const probe = await ask(0);
    const res = await ask(probe.needed);
    expect(res.status).toBe(0);
    const layout = DRIVER_INFO_LAYOUTS[2];
    if (layout === undefined || res.buffer === undefined) throw new Error('no level 2 layout or buffer');
    const records = unpackFlat(layout, res.buffer, res.returned);
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) {
      expect(r.cVersion).toBe(3);
      expect(['Windows x64', 'Windows NT x86']).toContain(r.pEnvironment);
    }
  });
});
