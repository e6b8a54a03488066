/**
 * RpcGetJob (opnum 3) — [MS-RPRN] 3.1.4.3.2.
 *
 *   in:  PRINTER_HANDLE hPrinter; DWORD JobId; DWORD Level;
 *        [in, out, unique, size_is(cbBuf)] BYTE* pJob; DWORD cbBuf
 *   out: pJob; DWORD pcbNeeded; DWORD status
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { infoError, infoResponse, infoResult, lookupHandle, readInBuffer, win32 } from '../rprn-call';
import { JOB_INFO_LAYOUTS, jobInfoRecord } from '../structures/info-layouts';

export const rpcGetJob: RprnOperation = {
  opnum: RprnOpnum.RpcGetJob,
  name: 'RpcGetJob',
  async handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const jobId = r.u32('JobId');
    const level = r.u32('Level');
    const inBuf = readInBuffer(r, 'Job');
    const handle = lookupHandle(ctx, wire);
    const layout = JOB_INFO_LAYOUTS[level];
    if (layout === undefined) return infoResponse(infoError(inBuf, Win32ErrorCode.ERROR_INVALID_LEVEL), false);
    const res = await win32(() => ctx.provider.getJob(handle, jobId));
    if (!res.ok) return infoResponse(infoError(inBuf, res.status), false);
    return infoResponse(infoResult(inBuf, layout, [jobInfoRecord(res.value)]), false);
  },
};
