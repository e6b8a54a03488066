/**
 * RpcAddJob — [MS-RPRN] 3.1.4.3.4 (messages/add-job.ts): does nothing and fails. After the handle
 * is checked, a Level outside 1-3 is ERROR_INVALID_LEVEL; otherwise ERROR_INVALID_PARAMETER, what
 * [MS-PAR] 3.1.4.7.4 says RpcAsyncAddJob MUST return. pcbNeeded receives zero.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcAddJob } from '../messages/add-job';
import { infoError, lookupHandle, rprnOperation } from '../rprn-call';

export const rpcAddJob = rprnOperation(RpcAddJob, ({ hPrinter, level, buffer }, ctx) => {
  lookupHandle(ctx, hPrinter);
  const status = level >= 1 && level <= 3 ? Win32ErrorCode.ERROR_INVALID_PARAMETER : Win32ErrorCode.ERROR_INVALID_LEVEL;
  return Promise.resolve(infoError(buffer, status));
});
