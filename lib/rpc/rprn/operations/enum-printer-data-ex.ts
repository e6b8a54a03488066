/**
 * RpcEnumPrinterDataEx — [MS-RPRN] 3.1.4.2.20 (messages/enum-printer-data-ex.ts).
 *
 * pEnumValues holds PRINTER_ENUM_VALUES records (structures/printer-enum-values.ts). For a
 * `CopyFiles\<name>` key the provider has already run the server-side CopyFiles step and the
 * list ends with SourceDir and TargetDir: they are marshaled like any other value.
 * An empty key name is ERROR_INVALID_PARAMETER; too small a buffer ERROR_MORE_DATA with the size
 * and (as the W2K8R2 capture shows) the value count.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcEnumPrinterDataEx } from '../messages/enum-printer-data-ex';
import { checkOutSize, lookupHandle, outArray, rprnOperation, win32 } from '../rprn-call';
import { encodePrinterEnumValues, layoutPrinterEnumValues } from '../structures/printer-enum-values';

export const rpcEnumPrinterDataEx = rprnOperation(RpcEnumPrinterDataEx, async (req, ctx) => {
  const cb = checkOutSize(req.cbEnumValues);
  const handle = lookupHandle(ctx, req.hPrinter);
  const fail = (status: number, needed = 0, count = 0) => ({
    enumValues: outArray(cb, undefined),
    needed,
    count,
    status,
  });
  if (req.keyName === '') return fail(Win32ErrorCode.ERROR_INVALID_PARAMETER);
  const res = await win32(() => ctx.provider.enumPrinterDataEx(handle, req.keyName));
  if (!res.ok) return fail(res.status);
  const { size } = layoutPrinterEnumValues(res.value);
  if (size > cb) return fail(Win32ErrorCode.ERROR_MORE_DATA, size, res.value.length);
  return {
    enumValues: encodePrinterEnumValues(res.value, cb),
    needed: size,
    count: res.value.length,
    status: Win32ErrorCode.ERROR_SUCCESS,
  };
});
