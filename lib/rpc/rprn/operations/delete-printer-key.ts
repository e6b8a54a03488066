/**
 * RpcDeletePrinterKey (opnum 82) — [MS-RPRN] 3.1.4.2.21.
 *
 *   in:  PRINTER_HANDLE hPrinter; [string] wchar_t* pKeyName
 *   out: DWORD status
 */
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { lookupHandle, statusOf } from '../rprn-call';

export const rpcDeletePrinterKey: RprnOperation = {
  opnum: RprnOpnum.RpcDeletePrinterKey,
  name: 'RpcDeletePrinterKey',
  handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const keyName = r.string('pKeyName');
    const handle = lookupHandle(ctx, wire);
    return statusOf(() => ctx.provider.deletePrinterKey(handle, keyName));
  },
};
