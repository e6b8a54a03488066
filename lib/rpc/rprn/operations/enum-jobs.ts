/**
 * RpcEnumJobs — [MS-RPRN] 3.1.4.3.3 (messages/enum-jobs.ts): levels 1-4 (JOB_INFO_3 links each job
 * to the next).
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcEnumJobs } from '../messages/enum-jobs';
import { infoError, infoResult, lookupHandle, rprnOperation, win32 } from '../rprn-call';
import { JOB_INFO_LAYOUTS } from '../structures/info-layouts';
import { jobInfoRecord } from '../structures/info-records-from-domain';

export const rpcEnumJobs = rprnOperation(RpcEnumJobs, async ({ hPrinter, firstJob, noJobs, level, buffer }, ctx) => {
  const handle = lookupHandle(ctx, hPrinter);
  const layout = JOB_INFO_LAYOUTS[level];
  if (layout === undefined) return infoError(buffer, Win32ErrorCode.ERROR_INVALID_LEVEL);
  const res = await win32(() => ctx.provider.enumJobs(handle, firstJob, noJobs));
  if (!res.ok) return infoError(buffer, res.status);
  const jobs = res.value;
  return infoResult(
    buffer,
    layout,
    jobs.map((j, i) => jobInfoRecord(j, jobs[i + 1]?.jobId ?? 0)),
  );
});
