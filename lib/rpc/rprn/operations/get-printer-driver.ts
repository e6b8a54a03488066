/**
 * RpcGetPrinterDriver (opnum 11) — [MS-RPRN] 3.1.4.4.3: RpcGetPrinterDriver2 without the
 * client version exchange (the client is taken to be a version 3 spooler).
 *
 *   in:  PRINTER_HANDLE hPrinter; [string, unique] wchar_t* pEnvironment; DWORD Level;
 *        [in, out, unique, size_is(cbBuf)] BYTE* pDriver; DWORD cbBuf
 *   out: pDriver; DWORD pcbNeeded; DWORD status
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import {
  SERVER_ENVIRONMENT,
  infoError,
  infoResponse,
  infoResult,
  lookupHandle,
  readInBuffer,
  win32,
} from '../rprn-call';
import { DRIVER_INFO_LAYOUTS, driverInfoRecord } from '../structures/info-layouts';

const CLIENT_MAJOR_VERSION = 3;

export const rpcGetPrinterDriver: RprnOperation = {
  opnum: RprnOpnum.RpcGetPrinterDriver,
  name: 'RpcGetPrinterDriver',
  async handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const environment = r.uniqueString('pEnvironment');
    const level = r.u32('Level');
    const inBuf = readInBuffer(r, 'Driver');
    const handle = lookupHandle(ctx, wire);
    const layout = DRIVER_INFO_LAYOUTS[level];
    if (layout === undefined) return infoResponse(infoError(inBuf, Win32ErrorCode.ERROR_INVALID_LEVEL), false);
    const res = await win32(() =>
      ctx.provider.getPrinterDriver(handle, environment ?? SERVER_ENVIRONMENT, CLIENT_MAJOR_VERSION),
    );
    if (!res.ok) return infoResponse(infoError(inBuf, res.status), false);
    return infoResponse(infoResult(inBuf, layout, [driverInfoRecord(res.value.driver)]), false);
  },
};
