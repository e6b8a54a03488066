/**
 * RpcResetPrinter — [MS-RPRN] 3.1.4.2.13 (messages/reset-printer.ts): the handle's datatype and
 * DEVMODE for the documents StartDocPrinter starts on it next; the checks are the spooler's.
 */
import { Win32Error } from '../../../common/errors';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcResetPrinter } from '../messages/reset-printer';
import { lookupHandle, rprnOperation, statusOf } from '../rprn-call';

export const rpcResetPrinter = rprnOperation(RpcResetPrinter, (req, ctx) => {
  const handle = lookupHandle(ctx, req.hPrinter);
  return statusOf(() => {
    if (!ctx.provider.resetPrinter) throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, 'ResetPrinter');
    return ctx.provider.resetPrinter(handle, req.datatype, req.devMode);
  });
});
