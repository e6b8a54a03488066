/**
 * RpcEnumPrinters (opnum 0) — [MS-RPRN] 3.1.4.2.1.
 *
 *   in:  DWORD Flags (PRINTER_ENUM_*); [string, unique] STRING_HANDLE Name; DWORD Level;
 *        [in, out, unique, size_is(cbBuf)] BYTE* pPrinterEnum; DWORD cbBuf
 *   out: pPrinterEnum; DWORD pcbNeeded; DWORD pcReturned; DWORD status
 *
 * Levels 0, 1, 2, 4 and 5 (custom-marshaled _PRINTER_INFO_n array).
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { infoError, infoResponse, infoResult, readInBuffer, win32 } from '../rprn-call';
import { PRINTER_INFO_LAYOUTS, printerInfoRecord } from '../structures/info-layouts';

const ENUM_LEVELS: ReadonlySet<number> = new Set([0, 1, 2, 4, 5]);

export const rpcEnumPrinters: RprnOperation = {
  opnum: RprnOpnum.RpcEnumPrinters,
  name: 'RpcEnumPrinters',
  async handle(r: NdrReader, ctx) {
    const flags = r.u32('Flags');
    const name = r.uniqueString('Name');
    const level = r.u32('Level');
    const inBuf = readInBuffer(r, 'PrinterEnum');
    const layout = PRINTER_INFO_LAYOUTS[level];
    if (!ENUM_LEVELS.has(level) || layout === undefined)
      return infoResponse(infoError(inBuf, Win32ErrorCode.ERROR_INVALID_LEVEL), true);
    const res = await win32(() => ctx.provider.enumPrinters(flags, name, ctx.caller));
    if (!res.ok) return infoResponse(infoError(inBuf, res.status), true);
    return infoResponse(
      infoResult(
        inBuf,
        layout,
        res.value.map((p) => printerInfoRecord(level, p)),
      ),
      true,
    );
  },
};
