/**
 * RpcDeleteForm — [MS-RPRN] 3.1.4.5.2 (messages/delete-form.ts).
 */
import { Win32Error } from '../../../common/errors';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcDeleteForm } from '../messages/delete-form';
import { lookupHandle, rprnOperation, statusOf } from '../rprn-call';

export const rpcDeleteForm = rprnOperation(RpcDeleteForm, ({ hPrinter, formName }, ctx) => {
  const handle = lookupHandle(ctx, hPrinter);
  return statusOf(() => {
    if (!ctx.provider.deleteForm) throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, 'DeleteForm');
    return ctx.provider.deleteForm(handle, formName);
  });
});
