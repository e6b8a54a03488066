/**
 * RpcEnumPrinterKey (opnum 80) — [MS-RPRN] 3.1.4.2.19.
 *
 *   in:  PRINTER_HANDLE hPrinter; [string] wchar_t* pKeyName ("" = the printer's root);
 *        DWORD cbSubkey
 *   out: [size_is(cbSubkey / sizeof(wchar_t))] wchar_t* pSubkey (max_count = cbSubkey/2, then
 *        that many UTF-16 units, pad to 4); DWORD pcbSubkey; DWORD status
 *
 * pSubkey is a MULTI_SZ of the direct subkeys; too small a buffer gives ERROR_MORE_DATA with the
 * size in pcbSubkey (an empty list needs 2 bytes, as Samba reports).
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { NdrReader } from '../../ndr/ndr-reader';
import { NdrWriter } from '../../ndr/ndr-writer';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { checkOutSize, lookupHandle, win32 } from '../rprn-call';
import { encodeKeyList } from '../structures/printer-enum-values';

export const rpcEnumPrinterKey: RprnOperation = {
  opnum: RprnOpnum.RpcEnumPrinterKey,
  name: 'RpcEnumPrinterKey',
  async handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const keyName = r.string('pKeyName');
    const cbSubkey = checkOutSize(r.u32('cbSubkey'));
    const handle = lookupHandle(ctx, wire);
    const units = Math.floor(cbSubkey / 2);
    const out = Buffer.alloc(units * 2);
    let needed = 0;
    let status: number = Win32ErrorCode.ERROR_SUCCESS;
    const res = await win32(() => ctx.provider.enumPrinterKey(handle, keyName));
    if (res.ok) {
      const list = encodeKeyList(res.value);
      needed = list.length;
      if (list.length > out.length) status = Win32ErrorCode.ERROR_MORE_DATA;
      else list.copy(out);
    } else {
      status = res.status;
    }
    const w = new NdrWriter();
    w.u32(units).bytes(out).align(4);
    return w.u32(needed).u32(status).finish();
  },
};
