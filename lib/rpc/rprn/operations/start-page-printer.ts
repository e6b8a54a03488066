/**
 * RpcStartPagePrinter (opnum 18) — [MS-RPRN] 3.1.4.9.2.
 *
 *   in:  PRINTER_HANDLE hPrinter
 *   out: DWORD status
 */
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { lookupHandle, statusOf } from '../rprn-call';

export const rpcStartPagePrinter: RprnOperation = {
  opnum: RprnOpnum.RpcStartPagePrinter,
  name: 'RpcStartPagePrinter',
  handle(r: NdrReader, ctx) {
    const handle = lookupHandle(ctx, r.contextHandle('hPrinter'));
    return statusOf(() => ctx.provider.startPagePrinter(handle));
  },
};
