/**
 * RpcDeletePrinterDataEx (opnum 81) — [MS-RPRN] 3.1.4.2.20.
 *
 *   in:  PRINTER_HANDLE hPrinter; [string] wchar_t* pKeyName; [string] wchar_t* pValueName
 *   out: DWORD status
 */
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { lookupHandle, statusOf } from '../rprn-call';

export const rpcDeletePrinterDataEx: RprnOperation = {
  opnum: RprnOpnum.RpcDeletePrinterDataEx,
  name: 'RpcDeletePrinterDataEx',
  handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const keyName = r.string('pKeyName');
    const valueName = r.string('pValueName');
    const handle = lookupHandle(ctx, wire);
    return statusOf(() => ctx.provider.deletePrinterDataEx(handle, keyName, valueName));
  },
};
