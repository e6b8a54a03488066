/**
 * RpcClosePrinter (opnum 29) — [MS-RPRN] 3.1.4.2.9.
 *
 *   in:  PRINTER_HANDLE* phPrinter (20 bytes)
 *   out: PRINTER_HANDLE* phPrinter (all zeros once closed); DWORD status
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { NdrReader } from '../../ndr/ndr-reader';
import { NdrWriter } from '../../ndr/ndr-writer';
import { NULL_CONTEXT_HANDLE } from '../handle-table';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { lookupHandle, win32 } from '../rprn-call';

export const rpcClosePrinter: RprnOperation = {
  opnum: RprnOpnum.RpcClosePrinter,
  name: 'RpcClosePrinter',
  async handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('phPrinter');
    const handle = lookupHandle(ctx, wire);
    ctx.handles.remove(wire);
    const res = await win32(() => ctx.provider.closePrinter(handle));
    // The handle is gone from this pipe whatever the provider said, as Windows' rundown does.
    return new NdrWriter()
      .contextHandle(NULL_CONTEXT_HANDLE)
      .u32(res.ok ? Win32ErrorCode.ERROR_SUCCESS : res.status)
      .finish();
  },
};
