/**
 * RpcWritePrinter (opnum 19) — [MS-RPRN] 3.1.4.9.3.
 *
 *   in:  PRINTER_HANDLE hPrinter; [size_is(cbBuf)] BYTE* pBuf (max_count, bytes); DWORD cbBuf
 *   out: DWORD pcWritten; DWORD status
 */
import { RpcFaultError } from '../../../common/errors';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { FaultStatus } from '../../constants';
import type { NdrReader } from '../../ndr/ndr-reader';
import { NdrWriter } from '../../ndr/ndr-writer';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { lookupHandle, win32 } from '../rprn-call';

export const rpcWritePrinter: RprnOperation = {
  opnum: RprnOpnum.RpcWritePrinter,
  name: 'RpcWritePrinter',
  async handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const data = r.conformantBytes('pBuf');
    const cbBuf = r.u32('cbBuf');
    if (cbBuf !== data.length)
      throw new RpcFaultError(FaultStatus.NCA_S_FAULT_NDR, `pBuf max_count ${data.length} differs from cbBuf ${cbBuf}`);
    const handle = lookupHandle(ctx, wire);
    const res = await win32(() => ctx.provider.writePrinter(handle, data));
    return new NdrWriter()
      .u32(res.ok ? res.value : 0)
      .u32(res.ok ? Win32ErrorCode.ERROR_SUCCESS : res.status)
      .finish();
  },
};
