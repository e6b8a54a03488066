/**
 * RpcEnumPrinterDrivers (opnum 10) — [MS-RPRN] 3.1.4.4.2.
 *
 *   in:  [string, unique] STRING_HANDLE pName; [string, unique] wchar_t* pEnvironment; DWORD Level;
 *        [in, out, unique, size_is(cbBuf)] BYTE* pDrivers; DWORD cbBuf
 *   out: pDrivers; DWORD pcbNeeded; DWORD pcReturned; DWORD status
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { SERVER_ENVIRONMENT, infoError, infoResponse, infoResult, readInBuffer, win32 } from '../rprn-call';
import { DRIVER_INFO_LAYOUTS, driverInfoRecord } from '../structures/info-layouts';

export const rpcEnumPrinterDrivers: RprnOperation = {
  opnum: RprnOpnum.RpcEnumPrinterDrivers,
  name: 'RpcEnumPrinterDrivers',
  async handle(r: NdrReader, ctx) {
    const name = r.uniqueString('pName');
    const environment = r.uniqueString('pEnvironment');
    const level = r.u32('Level');
    const inBuf = readInBuffer(r, 'Drivers');
    const layout = DRIVER_INFO_LAYOUTS[level];
    if (layout === undefined) return infoResponse(infoError(inBuf, Win32ErrorCode.ERROR_INVALID_LEVEL), true);
    const res = await win32(() => ctx.provider.enumPrinterDrivers(name, environment ?? SERVER_ENVIRONMENT, ctx.caller));
    if (!res.ok) return infoResponse(infoError(inBuf, res.status), true);
    return infoResponse(infoResult(inBuf, layout, res.value.map(driverInfoRecord)), true);
  },
};
