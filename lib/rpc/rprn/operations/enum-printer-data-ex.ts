/**
 * RpcEnumPrinterDataEx (opnum 79) — [MS-RPRN] 3.1.4.2.18.
 *
 *   in:  PRINTER_HANDLE hPrinter; [string] wchar_t* pKeyName; DWORD cbEnumValues
 *   out: [size_is(cbEnumValues)] BYTE* pEnumValues (max_count, bytes, pad to 4);
 *        DWORD pcbEnumValues; DWORD pnEnumValues; DWORD status
 *
 * pEnumValues holds PRINTER_ENUM_VALUES records (structures/printer-enum-values.ts). For a
 * `CopyFiles\<name>` key the provider has already run the server-side CopyFiles step and the
 * list ends with SourceDir and TargetDir: they are marshaled like any other value.
 * An empty key name is ERROR_INVALID_PARAMETER; too small a buffer ERROR_MORE_DATA with the size
 * and (as the W2K8R2 capture shows) the value count.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { NdrReader } from '../../ndr/ndr-reader';
import { NdrWriter } from '../../ndr/ndr-writer';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { checkOutSize, lookupHandle, win32, writeOutArray } from '../rprn-call';
import { encodePrinterEnumValues, layoutPrinterEnumValues } from '../structures/printer-enum-values';

export const rpcEnumPrinterDataEx: RprnOperation = {
  opnum: RprnOpnum.RpcEnumPrinterDataEx,
  name: 'RpcEnumPrinterDataEx',
  async handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const keyName = r.string('pKeyName');
    const cb = checkOutSize(r.u32('cbEnumValues'));
    const handle = lookupHandle(ctx, wire);
    const w = new NdrWriter();
    if (keyName === '') {
      writeOutArray(w, cb, undefined);
      return w.u32(0).u32(0).u32(Win32ErrorCode.ERROR_INVALID_PARAMETER).finish();
    }
    const res = await win32(() => ctx.provider.enumPrinterDataEx(handle, keyName));
    if (!res.ok) {
      writeOutArray(w, cb, undefined);
      return w.u32(0).u32(0).u32(res.status).finish();
    }
    const { size } = layoutPrinterEnumValues(res.value);
    if (size > cb) {
      writeOutArray(w, cb, undefined);
      return w.u32(size).u32(res.value.length).u32(Win32ErrorCode.ERROR_MORE_DATA).finish();
    }
    w.conformantBytes(encodePrinterEnumValues(res.value, cb)).align(4);
    return w.u32(size).u32(res.value.length).u32(Win32ErrorCode.ERROR_SUCCESS).finish();
  },
};
