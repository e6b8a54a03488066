/**
 * RpcGetPrinterDataEx — [MS-RPRN] 3.1.4.2.19 (messages/get-printer-data-ex.ts).
 *
 * Too small a buffer: ERROR_MORE_DATA with pType and pcbNeeded set. A missing value or key:
 * ERROR_FILE_NOT_FOUND (the provider's answer).
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { encodeRegData } from '../../../common/reg-value';
import type { PrinterHandle } from '../../../spoolss/types';
import type { GetPrinterDataResponse } from '../messages/get-printer-data-ex';
import { RpcGetPrinterDataEx } from '../messages/get-printer-data-ex';
import type { RprnCallContext } from '../rprn-call';
import { checkOutSize, lookupHandle, outArray, rprnOperation, win32 } from '../rprn-call';

/** Shared with RpcGetPrinterData (the PrinterDriverData key). */
export async function getPrinterData(
  ctx: RprnCallContext,
  handle: PrinterHandle,
  keyName: string,
  valueName: string,
  nSize: number,
): Promise<GetPrinterDataResponse> {
  const res = await win32(() => ctx.provider.getPrinterDataEx(handle, keyName, valueName));
  if (!res.ok) return { type: 0, data: outArray(nSize, undefined), needed: 0, status: res.status };
  const data = encodeRegData(res.value);
  return {
    type: res.value.type,
    data: outArray(nSize, data),
    needed: data.length,
    status: data.length > nSize ? Win32ErrorCode.ERROR_MORE_DATA : Win32ErrorCode.ERROR_SUCCESS,
  };
}

export const rpcGetPrinterDataEx = rprnOperation(
  RpcGetPrinterDataEx,
  ({ hPrinter, keyName, valueName, nSize }, ctx) => {
    const size = checkOutSize(nSize);
    return getPrinterData(ctx, lookupHandle(ctx, hPrinter), keyName, valueName, size);
  },
);
