/**
 * RpcEnumJobs (opnum 4) — [MS-RPRN] 3.1.4.3.3.
 *
 *   in:  PRINTER_HANDLE hPrinter; DWORD FirstJob; DWORD NoJobs; DWORD Level;
 *        [in, out, unique, size_is(cbBuf)] BYTE* pJob; DWORD cbBuf
 *   out: pJob; DWORD pcbNeeded; DWORD pcReturned; DWORD status
 *
 * Levels 1-4 (custom-marshaled _JOB_INFO_n; JOB_INFO_3 links each job to the next).
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { infoError, infoResponse, infoResult, lookupHandle, readInBuffer, win32 } from '../rprn-call';
import { JOB_INFO_LAYOUTS, jobInfoRecord } from '../structures/info-layouts';

export const rpcEnumJobs: RprnOperation = {
  opnum: RprnOpnum.RpcEnumJobs,
  name: 'RpcEnumJobs',
  async handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const firstJob = r.u32('FirstJob');
    const noJobs = r.u32('NoJobs');
    const level = r.u32('Level');
    const inBuf = readInBuffer(r, 'Job');
    const handle = lookupHandle(ctx, wire);
    const layout = JOB_INFO_LAYOUTS[level];
    if (layout === undefined) return infoResponse(infoError(inBuf, Win32ErrorCode.ERROR_INVALID_LEVEL), true);
    const res = await win32(() => ctx.provider.enumJobs(handle, firstJob, noJobs));
    if (!res.ok) return infoResponse(infoError(inBuf, res.status), true);
    const jobs = res.value;
    return infoResponse(
      infoResult(
        inBuf,
        layout,
        jobs.map((j, i) => jobInfoRecord(j, jobs[i + 1]?.jobId ?? 0)),
      ),
      true,
    );
  },
};
