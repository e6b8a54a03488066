/**
 * RpcEnumMonitors (opnum 36) — [MS-RPRN] 3.1.4.7.1.
 *
 *   in:  [string, unique] STRING_HANDLE pName; DWORD Level;
 *        [in, out, unique, size_is(cbBuf)] BYTE* pMonitor; DWORD cbBuf
 *   out: pMonitor; DWORD pcbNeeded; DWORD pcReturned; DWORD status
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { infoError, infoResponse, infoResult, readInBuffer, win32 } from '../rprn-call';
import { MONITOR_INFO_LAYOUTS, monitorInfoRecord } from '../structures/info-layouts';

export const rpcEnumMonitors: RprnOperation = {
  opnum: RprnOpnum.RpcEnumMonitors,
  name: 'RpcEnumMonitors',
  async handle(r: NdrReader, ctx) {
    const name = r.uniqueString('pName');
    const level = r.u32('Level');
    const inBuf = readInBuffer(r, 'Monitor');
    const layout = MONITOR_INFO_LAYOUTS[level];
    if (layout === undefined) return infoResponse(infoError(inBuf, Win32ErrorCode.ERROR_INVALID_LEVEL), true);
    const res = await win32(() => ctx.provider.enumMonitors(name, ctx.caller));
    if (!res.ok) return infoResponse(infoError(inBuf, res.status), true);
    return infoResponse(infoResult(inBuf, layout, res.value.map(monitorInfoRecord)), true);
  },
};
