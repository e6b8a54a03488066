/**
 * RpcSetForm — [MS-RPRN] 3.1.4.5.6 (messages/set-form.ts): levels 1 and 2; the form keeps the
 * name it is addressed by.
 */
import { Win32Error } from '../../../common/errors';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcSetForm } from '../messages/set-form';
import { lookupHandle, rprnOperation, statusOf } from '../rprn-call';
import { formFromContainer } from '../structures/form-from-container';

export const rpcSetForm = rprnOperation(RpcSetForm, ({ hPrinter, formName, formContainer }, ctx) => {
  const handle = lookupHandle(ctx, hPrinter);
  const form = formFromContainer(formContainer);
  if (typeof form === 'number') return Promise.resolve({ status: form });
  return statusOf(() => {
    if (!ctx.provider.setForm) throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, 'SetForm');
    return ctx.provider.setForm(handle, formName, form);
  });
});
