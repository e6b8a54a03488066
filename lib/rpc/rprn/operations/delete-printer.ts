/**
 * RpcDeletePrinter — [MS-RPRN] 3.1.4.2.4 (messages/delete-printer.ts).
 */
import { Win32Error } from '../../../common/errors';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcDeletePrinter } from '../messages/delete-printer';
import { lookupHandle, rprnOperation, statusOf } from '../rprn-call';

export const rpcDeletePrinter = rprnOperation(RpcDeletePrinter, ({ hPrinter }, ctx) => {
  const handle = lookupHandle(ctx, hPrinter);
  return statusOf(() => {
    if (!ctx.provider.deletePrinter) throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, 'DeletePrinter');
    return ctx.provider.deletePrinter(handle);
  });
});
