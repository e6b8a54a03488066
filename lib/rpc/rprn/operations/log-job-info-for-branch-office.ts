/**
 * RpcLogJobInfoForBranchOffice — [MS-RPRN] 3.1.4.13.1 (messages/log-job-info-for-branch-office.ts).
 * The provider checks the handle and writes one event per entry.
 */
import { RpcLogJobInfoForBranchOffice } from '../messages/log-job-info-for-branch-office';
import { lookupHandle, rprnOperation, statusOf } from '../rprn-call';
import { extraOf } from './extras';

export const rpcLogJobInfoForBranchOffice = rprnOperation(RpcLogJobInfoForBranchOffice, (req, ctx) => {
  const handle = lookupHandle(ctx, req.hPrinter);
  return statusOf(() => extraOf(ctx.provider, 'branchOfficeLog').logJobInfoForBranchOffice(handle, req.entries));
});
