/**
 * RpcEnumPrinterKey — [MS-RPRN] 3.1.4.2.21 (messages/enum-printer-key.ts).
 *
 * pSubkey is a MULTI_SZ of the direct subkeys; too small a buffer gives ERROR_MORE_DATA with the
 * size in pcbSubkey. An empty list is two NULs (4 bytes) on the wire, as Windows answers
 * (smbtorture's printer_keys checks pcbSubkey == 4; Samba answers 2).
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcEnumPrinterKey } from '../messages/enum-printer-key';
import { checkOutSize, lookupHandle, outArray, rprnOperation, win32 } from '../rprn-call';
import { encodeKeyList } from '../structures/printer-enum-values';

export const rpcEnumPrinterKey = rprnOperation(RpcEnumPrinterKey, async ({ hPrinter, keyName, cbSubkey }, ctx) => {
  const size = Math.floor(checkOutSize(cbSubkey) / 2) * 2;
  const handle = lookupHandle(ctx, hPrinter);
  const res = await win32(() => ctx.provider.enumPrinterKey(handle, keyName));
  if (!res.ok) return { subkey: outArray(size, undefined), needed: 0, status: res.status };
  const list = res.value.length === 0 ? Buffer.alloc(4) : encodeKeyList(res.value);
  return {
    subkey: outArray(size, list),
    needed: list.length,
    status: list.length > size ? Win32ErrorCode.ERROR_MORE_DATA : Win32ErrorCode.ERROR_SUCCESS,
  };
});
