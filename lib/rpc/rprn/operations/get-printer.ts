/**
 * RpcGetPrinter (opnum 8) — [MS-RPRN] 3.1.4.2.6.
 *
 *   in:  PRINTER_HANDLE hPrinter; DWORD Level; [in, out, unique, size_is(cbBuf)] BYTE* pPrinter;
 *        DWORD cbBuf
 *   out: pPrinter; DWORD pcbNeeded; DWORD status
 *
 * Levels 0-9 (custom-marshaled _PRINTER_INFO_n).
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { infoError, infoResponse, infoResult, lookupHandle, readInBuffer, win32 } from '../rprn-call';
import { PRINTER_INFO_LAYOUTS, printerInfoRecord } from '../structures/info-layouts';

export const rpcGetPrinter: RprnOperation = {
  opnum: RprnOpnum.RpcGetPrinter,
  name: 'RpcGetPrinter',
  async handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const level = r.u32('Level');
    const inBuf = readInBuffer(r, 'Printer');
    const handle = lookupHandle(ctx, wire);
    const layout = PRINTER_INFO_LAYOUTS[level];
    if (layout === undefined) return infoResponse(infoError(inBuf, Win32ErrorCode.ERROR_INVALID_LEVEL), false);
    const res = await win32(() => ctx.provider.getPrinter(handle));
    if (!res.ok) return infoResponse(infoError(inBuf, res.status), false);
    return infoResponse(infoResult(inBuf, layout, [printerInfoRecord(level, res.value)]), false);
  },
};
