/**
 * RpcGetJob — [MS-RPRN] 3.1.4.3.2 (messages/get-job.ts): levels 1-4.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcGetJob } from '../messages/get-job';
import { infoError, infoResult, lookupHandle, rprnOperation, win32 } from '../rprn-call';
import { JOB_INFO_LAYOUTS } from '../structures/info-layouts';
import { jobInfoRecord } from '../structures/info-records-from-domain';

export const rpcGetJob = rprnOperation(RpcGetJob, async ({ hPrinter, jobId, level, buffer }, ctx) => {
  const handle = lookupHandle(ctx, hPrinter);
  const layout = JOB_INFO_LAYOUTS[level];
  if (layout === undefined) return infoError(buffer, Win32ErrorCode.ERROR_INVALID_LEVEL);
  const res = await win32(() => ctx.provider.getJob(handle, jobId));
  if (!res.ok) return infoError(buffer, res.status);
  return infoResult(buffer, layout, [jobInfoRecord(res.value)]);
});
