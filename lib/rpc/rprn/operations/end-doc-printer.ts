/**
 * RpcEndDocPrinter (opnum 23) — [MS-RPRN] 3.1.4.9.7.
 *
 *   in:  PRINTER_HANDLE hPrinter
 *   out: DWORD status
 */
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { lookupHandle, statusOf } from '../rprn-call';

export const rpcEndDocPrinter: RprnOperation = {
  opnum: RprnOpnum.RpcEndDocPrinter,
  name: 'RpcEndDocPrinter',
  handle(r: NdrReader, ctx) {
    const handle = lookupHandle(ctx, r.contextHandle('hPrinter'));
    return statusOf(() => ctx.provider.endDocPrinter(handle));
  },
};
