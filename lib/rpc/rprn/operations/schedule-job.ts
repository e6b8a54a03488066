/**
 * RpcScheduleJob — [MS-RPRN] 3.1.4.3.5 (messages/schedule-job.ts): does nothing; after the handle
 * is checked it returns ERROR_SPL_NO_ADDJOB, as [MS-PAR] 3.1.4.7.5 says of RpcAsyncScheduleJob.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcScheduleJob } from '../messages/schedule-job';
import { lookupHandle, rprnOperation } from '../rprn-call';

export const rpcScheduleJob = rprnOperation(RpcScheduleJob, ({ hPrinter }, ctx) => {
  lookupHandle(ctx, hPrinter);
  return Promise.resolve({ status: Win32ErrorCode.ERROR_SPL_NO_ADDJOB });
});
