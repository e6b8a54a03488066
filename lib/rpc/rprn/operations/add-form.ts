/**
 * RpcAddForm — [MS-RPRN] 3.1.4.5.1 (messages/add-form.ts): levels 1 and 2.
 */
import { Win32Error } from '../../../common/errors';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcAddForm } from '../messages/add-form';
import { lookupHandle, rprnOperation, statusOf } from '../rprn-call';
import { formFromContainer } from '../structures/form-from-container';

export const rpcAddForm = rprnOperation(RpcAddForm, ({ hPrinter, formContainer }, ctx) => {
  const handle = lookupHandle(ctx, hPrinter);
  const form = formFromContainer(formContainer);
  if (typeof form === 'number') return Promise.resolve({ status: form });
  return statusOf(() => {
    if (!ctx.provider.addForm) throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, 'AddForm');
    return ctx.provider.addForm(handle, form);
  });
});
