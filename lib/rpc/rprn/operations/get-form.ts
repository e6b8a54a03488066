/**
 * RpcGetForm — [MS-RPRN] 3.1.4.5.3 (messages/get-form.ts): levels 1 and 2.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcGetForm } from '../messages/get-form';
import { infoError, infoResult, lookupHandle, rprnOperation, win32 } from '../rprn-call';
import { FORM_INFO_LAYOUTS } from '../structures/info-layouts';
import { formInfoRecord } from '../structures/info-records-from-domain';

export const rpcGetForm = rprnOperation(RpcGetForm, async ({ hPrinter, formName, level, buffer }, ctx) => {
  const handle = lookupHandle(ctx, hPrinter);
  const layout = FORM_INFO_LAYOUTS[level];
  if (layout === undefined) return infoError(buffer, Win32ErrorCode.ERROR_INVALID_LEVEL);
  const res = await win32(() => ctx.provider.getForm(handle, formName));
  if (!res.ok) return infoError(buffer, res.status);
  return infoResult(buffer, layout, [formInfoRecord(res.value)]);
});
