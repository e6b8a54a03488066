/**
 * RpcGetPrinterDataEx (opnum 78) — [MS-RPRN] 3.1.4.2.17.
 *
 *   in:  PRINTER_HANDLE hPrinter; [string] wchar_t* pKeyName; [string] wchar_t* pValueName;
 *        DWORD nSize
 *   out: DWORD pType; [size_is(nSize)] BYTE* pData (max_count, bytes, pad to 4);
 *        DWORD pcbNeeded; DWORD status
 *
 * Too small a buffer: ERROR_MORE_DATA with pType and pcbNeeded set. A missing value or key:
 * ERROR_FILE_NOT_FOUND (the provider's answer).
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { encodeRegData } from '../../../common/reg-value';
import type { NdrReader } from '../../ndr/ndr-reader';
import { NdrWriter } from '../../ndr/ndr-writer';
import { RprnOpnum } from '../opnums';
import type { RprnCallContext, RprnOperation } from '../rprn-call';
import { checkOutSize, lookupHandle, win32, writeOutArray } from '../rprn-call';
import type { PrinterHandle } from '../../../spoolss/types';

/** Shared with RpcGetPrinterData (the PrinterDriverData key). */
export async function getPrinterDataResponse(
  ctx: RprnCallContext,
  handle: PrinterHandle,
  keyName: string,
  valueName: string,
  nSize: number,
): Promise<Buffer> {
  const w = new NdrWriter();
  const res = await win32(() => ctx.provider.getPrinterDataEx(handle, keyName, valueName));
  if (!res.ok) {
    w.u32(0);
    writeOutArray(w, nSize, undefined);
    return w.u32(0).u32(res.status).finish();
  }
  const data = encodeRegData(res.value);
  w.u32(res.value.type);
  writeOutArray(w, nSize, data);
  return w
    .u32(data.length)
    .u32(data.length > nSize ? Win32ErrorCode.ERROR_MORE_DATA : Win32ErrorCode.ERROR_SUCCESS)
    .finish();
}

export const rpcGetPrinterDataEx: RprnOperation = {
  opnum: RprnOpnum.RpcGetPrinterDataEx,
  name: 'RpcGetPrinterDataEx',
  async handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const keyName = r.string('pKeyName');
    const valueName = r.string('pValueName');
    const nSize = checkOutSize(r.u32('nSize'));
    return getPrinterDataResponse(ctx, lookupHandle(ctx, wire), keyName, valueName, nSize);
  },
};
